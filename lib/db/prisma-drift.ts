import wasm from '@prisma/prisma-schema-wasm';
import type pg from 'pg';

// Compares prisma/schema.prisma with a migrated database. migrations-sql/ is the source of truth
// and Prisma's migrate engine cannot run here, so nothing else keeps the typed model honest: this
// reports tables, columns, types, lengths, timestamp precision and nullability that differ.
// (Indexes and constraints are not compared: several live only in the SQL, see schema.prisma.)
// It parses the schema with @prisma/prisma-schema-wasm, a devDependency: tests and tools only.

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  nativeType?: [string, string[]] | null;
  isRequired: boolean;
  isList: boolean;
};
type DmmfModel = { name: string; dbName?: string | null; fields: DmmfField[] };
type DmmfEnum = { name: string; dbName?: string | null };
type Dmmf = { datamodel: { models: DmmfModel[]; enums: DmmfEnum[] } };

type DbColumn = {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  character_maximum_length: number | null;
  datetime_precision: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
};

/** What a Prisma field should be in PostgreSQL, in information_schema's terms. */
type Expected = { udt: string; length?: number | null; precision?: number; numeric?: [number, number] };

/** Tables the migration runner owns; they have no model on purpose. */
const IGNORED_TABLES = new Set(['schema_migrations']);

// @db.<NativeType> -> udt_name (PostgreSQL connector's native types).
const NATIVE_UDT: Record<string, string> = {
  Text: 'text',
  VarChar: 'varchar',
  Char: 'bpchar',
  Uuid: 'uuid',
  Inet: 'inet',
  Citext: 'citext',
  Xml: 'xml',
  Bit: 'bit',
  VarBit: 'varbit',
  SmallInt: 'int2',
  Integer: 'int4',
  Oid: 'oid',
  BigInt: 'int8',
  DoublePrecision: 'float8',
  Real: 'float4',
  Decimal: 'numeric',
  Money: 'money',
  Boolean: 'bool',
  Timestamp: 'timestamp',
  Timestamptz: 'timestamptz',
  Date: 'date',
  Time: 'time',
  Timetz: 'timetz',
  Json: 'json',
  JsonB: 'jsonb',
  ByteA: 'bytea',
};
// Prisma scalar without @db -> udt_name.
const DEFAULT_UDT: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Boolean: 'bool',
  DateTime: 'timestamp',
  Json: 'jsonb',
  Float: 'float8',
  Decimal: 'numeric',
  Bytes: 'bytea',
};
const WITH_PRECISION = new Set(['timestamp', 'timestamptz', 'time', 'timetz']);

function expectedColumn(field: DmmfField, enums: Map<string, string>): Expected | string {
  if (field.kind === 'enum') return { udt: enums.get(field.type) ?? field.type };
  const [native, args] = field.nativeType ?? [undefined, []];
  const udt = native ? NATIVE_UDT[native] : DEFAULT_UDT[field.type];
  if (!udt) return `unsupported type ${field.type}${native ? ` @db.${native}` : ''}`;
  const expected: Expected = { udt };
  if (udt === 'varchar' || udt === 'bpchar') {
    // @db.VarChar without a length is unbounded; @db.Char alone is char(1).
    expected.length = args[0] ? Number(args[0]) : udt === 'bpchar' ? 1 : null;
  }
  // Prisma's DateTime defaults to timestamp(3); @db.Timestamptz without an argument means 6.
  if (WITH_PRECISION.has(udt)) expected.precision = args[0] ? Number(args[0]) : native ? 6 : 3;
  if (udt === 'numeric') expected.numeric = args.length ? [Number(args[0]), Number(args[1] ?? 0)] : [65, 30];
  return expected;
}

function describeType(e: Expected): string {
  if (e.length !== undefined) return e.length === null ? e.udt : `${e.udt}(${e.length})`;
  if (e.precision !== undefined) return `${e.udt}(${e.precision})`;
  if (e.numeric) return `${e.udt}(${e.numeric.join(',')})`;
  return e.udt;
}

/** Parses a Prisma schema into its DMMF; throws with Prisma's own message when it is invalid. */
export function parsePrismaSchema(prismaSchema: string): Dmmf {
  try {
    return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema }))) as Dmmf;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`prisma/schema.prisma does not parse: ${message}`);
  }
}

/**
 * Fields of type `Unsupported("<type>")` by table, read from the schema text: the DMMF leaves them
 * out, yet their columns exist (catalog_events.tx, an xid8). Column name -> the type's udt_name
 * and whether the field is optional.
 */
export function unsupportedColumns(prismaSchemaText: string): Map<string, Map<string, { udt: string; optional: boolean }>> {
  const out = new Map<string, Map<string, { udt: string; optional: boolean }>>();
  for (const model of prismaSchemaText.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const table = /@@map\("([^"]+)"\)/.exec(model[2])?.[1] ?? model[1];
    for (const f of model[2].matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?([^\n]*)$/gm)) {
      const column = /@map\("([^"]+)"\)/.exec(f[4])?.[1] ?? f[1];
      if (!out.has(table)) out.set(table, new Map());
      out.get(table)!.set(column, { udt: f[2], optional: f[3] === '?' });
    }
  }
  return out;
}

/**
 * The differences between `prismaSchemaText` and the database `client` is connected to (schema
 * public), one readable line each, naming table and column. Empty: the two are in step.
 */
export async function findSchemaDrift(prismaSchemaText: string, client: pg.ClientBase): Promise<string[]> {
  const dmmf = parsePrismaSchema(prismaSchemaText);
  const enums = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const unsupported = unsupportedColumns(prismaSchemaText);
  const { rows: tableRows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const { rows: columnRows } = await client.query<DbColumn>(
    `SELECT table_name, column_name, udt_name, is_nullable, character_maximum_length, datetime_precision,
            numeric_precision, numeric_scale
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const dbTables = new Set(tableRows.map((t) => t.table_name).filter((t) => !IGNORED_TABLES.has(t)));
  const dbColumns = new Map<string, Map<string, DbColumn>>();
  for (const c of columnRows) {
    if (!dbColumns.has(c.table_name)) dbColumns.set(c.table_name, new Map());
    dbColumns.get(c.table_name)!.set(c.column_name, c);
  }

  const drift: string[] = [];
  const modelTables = new Set<string>();
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    modelTables.add(table);
    if (!dbTables.has(table)) {
      drift.push(`table ${table}: model ${model.name} has no such table in the database`);
      continue;
    }
    const columns = dbColumns.get(table) ?? new Map<string, DbColumn>();
    const fieldColumns = new Set<string>();
    for (const field of model.fields) {
      if (field.kind === 'object') continue; // a relation, not a column
      const column = field.dbName ?? field.name;
      const where = `${table}.${column} (${model.name}.${field.name})`;
      fieldColumns.add(column);
      const actual = columns.get(column);
      if (!actual) {
        drift.push(`${where}: the model has this field but the database has no such column`);
        continue;
      }
      const expected = expectedColumn(field, enums);
      if (typeof expected === 'string') {
        drift.push(`${where}: ${expected}`);
        continue;
      }
      const actualUdt = actual.udt_name.replace(/^_/, '');
      if (field.isList !== actual.udt_name.startsWith('_')) {
        drift.push(`${where}: ${field.isList ? 'a list in the model' : 'a scalar in the model'} but ${actual.udt_name} in the database`);
      } else if (actualUdt !== expected.udt) {
        drift.push(`${where}: type ${describeType(expected)} in the model but ${actual.udt_name} in the database`);
      } else if (expected.length !== undefined && expected.length !== actual.character_maximum_length) {
        drift.push(
          `${where}: length ${expected.length ?? 'unbounded'} in the model but ` +
            `${actual.character_maximum_length ?? 'unbounded'} in the database (${describeType(expected)})`,
        );
      } else if (expected.precision !== undefined && expected.precision !== actual.datetime_precision) {
        drift.push(
          `${where}: precision ${expected.precision} in the model but ${actual.datetime_precision} in the database (${expected.udt})`,
        );
      } else if (expected.numeric && (expected.numeric[0] !== actual.numeric_precision || expected.numeric[1] !== actual.numeric_scale)) {
        drift.push(
          `${where}: numeric(${expected.numeric.join(',')}) in the model but ` +
            `numeric(${actual.numeric_precision},${actual.numeric_scale}) in the database`,
        );
      }
      // Prisma lists are never optional; a nullable array column still maps to a required list.
      const nullable = actual.is_nullable === 'YES';
      if (!field.isList && nullable === field.isRequired) {
        drift.push(
          `${where}: ${field.isRequired ? 'required' : 'optional'} in the model but ` +
            `${nullable ? 'NULL allowed' : 'NOT NULL'} in the database`,
        );
      }
    }
    for (const [column, u] of unsupported.get(table) ?? []) {
      fieldColumns.add(column);
      const actual = columns.get(column);
      const where = `${table}.${column} (${model.name}, Unsupported("${u.udt}"))`;
      if (!actual) drift.push(`${where}: the model has this field but the database has no such column`);
      else if (actual.udt_name !== u.udt) drift.push(`${where}: type ${u.udt} in the model but ${actual.udt_name} in the database`);
      else if ((actual.is_nullable === 'YES') !== u.optional)
        drift.push(
          `${where}: ${u.optional ? 'optional' : 'required'} in the model but ${u.optional ? 'NOT NULL' : 'NULL allowed'} in the database`,
        );
    }
    for (const column of columns.keys()) {
      if (!fieldColumns.has(column)) {
        drift.push(`${table}.${column}: the database has this column but model ${model.name} has no field for it`);
      }
    }
  }
  for (const table of dbTables) {
    if (!modelTables.has(table)) drift.push(`table ${table}: in the database but no model maps to it`);
  }
  return drift;
}
