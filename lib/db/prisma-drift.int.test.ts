import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPool } from '@/lib/test/database-per-file';
import { findSchemaDrift } from './prisma-drift';

// prisma/schema.prisma must describe the tables migrations-sql/ creates. The first test is the
// guard; the others break a copy of the schema (or the database) on purpose and check that each
// mistake is reported, naming its table and column, so the guard cannot pass by seeing nothing.

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../prisma/schema.prisma');

let schema: string;
let client: pg.PoolClient;

beforeAll(async () => {
  schema = await readFile(SCHEMA_FILE, 'utf8');
  client = await testPool().connect();
});

afterAll(() => client?.release());

/** Replaces the one occurrence of `from` (a test editing a line that is gone should fail loudly). */
function edit(text: string, from: string | RegExp, to: string): string {
  const matches = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from, 'g')) ?? []).length;
  if (matches !== 1) throw new Error(`expected exactly one ${String(from)} in the schema, found ${matches}`);
  return text.replace(from, to);
}

/** The schema text of `model name { ... }`. */
function modelBlock(text: string, name: string): string {
  const match = new RegExp(`\\nmodel ${name} \\{[\\s\\S]*?\\n\\}\\n`).exec(text);
  if (!match) throw new Error(`no model ${name}`);
  return match[0];
}

/** Edits a line inside one model only (the same line may appear in other models). */
function editModel(text: string, model: string, from: string | RegExp, to: string): string {
  const block = modelBlock(text, model);
  return text.replace(block, edit(block, from, to));
}

/** `drift` has one line per pattern and every pattern matches a line. */
function expectExactly(drift: string[], patterns: RegExp[]): void {
  expect(drift, JSON.stringify(drift, null, 1)).toHaveLength(patterns.length);
  for (const pattern of patterns)
    expect(
      drift.some((line) => pattern.test(line)),
      `${pattern} in ${JSON.stringify(drift)}`,
    ).toBe(true);
}

describe('prisma/schema.prisma against the migrated database', () => {
  it('is in step', async () => {
    expect(await findSchemaDrift(schema, client)).toEqual([]);
  });

  const mistakes: Array<{ name: string; change: (s: string) => string; expected: RegExp[] }> = [
    {
      name: 'an optional column made required',
      change: (s) => editModel(s, 'User', /name +String\? +@db\.VarChar\(100\)/, 'name String @db.VarChar(100)'),
      expected: [/^users\.name \(User\.name\): required in the model but NULL allowed in the database$/],
    },
    {
      name: 'a required column made optional',
      change: (s) => editModel(s, 'Entity', /identifier +String +@db\.VarChar\(255\)/, 'identifier String? @db.VarChar(255)'),
      expected: [/^entities\.identifier \(Entity\.identifier\): optional in the model but NOT NULL in the database$/],
    },
    {
      name: 'a VarChar length',
      change: (s) => editModel(s, 'Team', '@db.VarChar(50)', '@db.VarChar(64)'),
      expected: [/^teams\.slug \(Team\.slug\): length 64 in the model but 50 in the database/],
    },
    {
      name: 'a Char length',
      change: (s) => editModel(s, 'ApiKey', '@db.Char(64)', '@db.Char(40)'),
      expected: [/^api_keys\.key_hash \(ApiKey\.keyHash\): length 40 in the model but 64 in the database/],
    },
    {
      name: 'a column type (Int for BigInt)',
      change: (s) => editModel(s, 'Entity', /version +Int /, 'version BigInt '),
      expected: [/^entities\.version \(Entity\.version\): type int8 in the model but int4 in the database$/],
    },
    {
      name: 'a native type (VarChar for Uuid)',
      change: (s) =>
        editModel(
          s,
          'Blueprint',
          /createdBy +String\? +@map\("created_by"\) @db\.Uuid/,
          'createdBy String? @map("created_by") @db.VarChar(36)',
        ),
      expected: [/^blueprints\.created_by \(Blueprint\.createdBy\): type varchar\(36\) in the model but uuid in the database$/],
    },
    {
      name: 'an Unsupported column of another type (the DMMF omits these fields)',
      change: (s) => editModel(s, 'CatalogEvent', 'Unsupported("xid8")', 'Unsupported("xid")'),
      expected: [/^catalog_events\.tx \(CatalogEvent, Unsupported\("xid"\)\): type xid in the model but xid8 in the database$/],
    },
    {
      name: 'an inet column typed as plain text',
      change: (s) => editModel(s, 'AuditLog', /@map\("ip_address"\) @db\.Inet/, '@map("ip_address")'),
      expected: [/^audit_logs\.ip_address \(AuditLog\.ipAddress\): type text in the model but inet in the database$/],
    },
    {
      name: 'timestamptz declared as a plain DateTime (timestamp)',
      change: (s) => editModel(s, 'Role', /@map\("created_at"\) @db\.Timestamptz\(3\)/, '@map("created_at")'),
      expected: [/^roles\.created_at \(Role\.createdAt\): type timestamp\(3\) in the model but timestamptz in the database$/],
    },
    {
      name: 'a timestamp precision',
      change: (s) => editModel(s, 'ApiKey', /@map\("expires_at"\) @db\.Timestamptz\(3\)/, '@map("expires_at") @db.Timestamptz(6)'),
      expected: [/^api_keys\.expires_at \(ApiKey\.expiresAt\): precision 6 in the model but 3 in the database/],
    },
    {
      name: 'a field with no column',
      change: (s) => editModel(s, 'Blueprint', /\n  version +Int/, '\n  bogus String?\n  version Int'),
      expected: [/^blueprints\.bogus \(Blueprint\.bogus\): the model has this field but the database has no such column$/],
    },
    {
      name: 'a column with no field',
      change: (s) => editModel(s, 'Action', /\n  icon +String\? +@db\.VarChar\(50\)/, ''),
      expected: [/^actions\.icon: the database has this column but model Action has no field for it$/],
    },
    {
      name: 'a wrong @map',
      change: (s) => editModel(s, 'Entity', '@map("blueprint_id")', '@map("blueprint")'),
      expected: [
        /^entities\.blueprint \(Entity\.blueprintId\): the model has this field but the database has no such column$/,
        /^entities\.blueprint_id: the database has this column but model Entity has no field for it$/,
      ],
    },
    {
      name: 'a model with no table',
      change: (s) => `${s}\nmodel Ghost {\n  id String @id @db.Uuid\n\n  @@map("ghosts")\n}\n`,
      expected: [/^table ghosts: model Ghost has no such table in the database$/],
    },
    {
      name: 'a table with no model',
      change: (s) => {
        // Drop ScorecardRule and the back-relation fields pointing at it, so the schema stays valid.
        const withoutModel = s.replace(modelBlock(s, 'ScorecardRule'), '\n');
        return withoutModel.replace(/\n +\w+ +ScorecardRule\[\]/g, '');
      },
      expected: [/^table scorecard_rules: in the database but no model maps to it$/],
    },
  ];

  it.each(mistakes)('reports $name', async ({ change, expected }) => {
    const altered = change(schema);
    expect(altered).not.toBe(schema);
    const drift = await findSchemaDrift(altered, client);
    expectExactly(drift, expected);
  });

  it('reports every mistake at once when there are several', async () => {
    const altered = mistakes.reduce((s, m) => m.change(s), schema);
    const drift = await findSchemaDrift(altered, client);
    const expected = mistakes.flatMap((m) => m.expected);
    expectExactly(drift, expected);
  });

  it('reports a column the database gained without a migration reaching the model', async () => {
    await client.query('BEGIN');
    try {
      await client.query('ALTER TABLE teams ADD COLUMN plan VARCHAR(20)');
      await client.query('ALTER TABLE entities ALTER COLUMN title SET NOT NULL');
      const drift = await findSchemaDrift(schema, client);
      expect(drift.sort()).toEqual([
        'entities.title (Entity.title): optional in the model but NOT NULL in the database',
        'teams.plan: the database has this column but model Team has no field for it',
      ]);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('refuses a schema that does not parse', async () => {
    await expect(findSchemaDrift('model Broken {', client)).rejects.toThrow(/does not parse/);
  });
});
