import type pg from 'pg';
import { splitSqlStatements } from './split-sql-statements';

// A migration file run outside a transaction (its first line is `-- baseplate:no-transaction`),
// for CREATE INDEX CONCURRENTLY: the index is built while the table takes writes, which a plain
// CREATE INDEX would block for the whole build (minutes on a million-row table).
//
// Each statement is sent alone: PostgreSQL runs a multi-statement query string as one implicit
// transaction, where CONCURRENTLY is refused. Nothing is rolled back on a failure: the statements
// before the failing one stay applied, the file is not recorded, and the next start runs it again
// from its first statement. So every statement of such a file must be re-runnable (IF NOT EXISTS,
// IF EXISTS). A failed CONCURRENTLY build leaves an INVALID index behind, which IF NOT EXISTS would
// then skip: before each CREATE INDEX CONCURRENTLY the runner drops an invalid index of that name.

export const NO_TRANSACTION_MARKER = '-- baseplate:no-transaction';

export function hasNoTransactionMarker(sql: string): boolean {
  return (
    sql
      .replace(/^\uFEFF/, '')
      .split('\n', 1)[0]
      .trim() === NO_TRANSACTION_MARKER
  );
}

const CONCURRENT_INDEX =
  /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))/i;

/** The index a CREATE INDEX CONCURRENTLY statement builds (as PostgreSQL stores the name), or null. */
export function concurrentIndexName(statement: string): string | null {
  const code = statement.replace(/^(?:\s*--[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*/, '').trim();
  const match = CONCURRENT_INDEX.exec(code);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2].toLowerCase();
}

/** Drops an INVALID index of this name in the current schema (left by a failed concurrent build). */
async function dropInvalidIndex(client: pg.Client, name: string): Promise<void> {
  const { rows } = await client.query<{ qualified: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS qualified
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relname = $1 AND n.nspname = current_schema() AND NOT i.indisvalid`,
    [name],
  );
  for (const { qualified } of rows) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${qualified}`);
}

/** Runs the file a statement at a time, then records it. Throws with the failing statement's number. */
export async function runWithoutTransaction(client: pg.Client, file: { name: string; checksum: string; sql: string }): Promise<void> {
  const statements = splitSqlStatements(file.sql);
  for (const [index, statement] of statements.entries()) {
    try {
      const indexName = concurrentIndexName(statement);
      if (indexName) await dropInvalidIndex(client, indexName);
      await client.query(statement);
    } catch (error) {
      throw new Error(
        `statement ${index + 1} of ${statements.length} failed (run outside a transaction: the statements before it ` +
          `stay applied, and the whole file runs again at the next start): ${(error as Error).message}`,
      );
    }
  }
  await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
}
