import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { hasNoTransactionMarker, runWithoutTransaction } from './run-without-transaction';

// The migration runner: applies migrations-sql/NNNN_name.sql in order, each file in its own
// transaction, and records name and checksum in schema_migrations. Forward-only. It refuses to run
// when an applied file was edited afterwards (or is gone), because the database would no longer be
// what the files say. Several app instances may start at once: an advisory lock serialises them.
//
// A file whose first line is `-- baseplate:no-transaction` runs outside a transaction, a statement
// at a time (run-without-transaction.ts): for CREATE INDEX CONCURRENTLY, which builds an index on
// a large table without blocking its writes and is refused inside a transaction block.

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../migrations-sql');
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;
const LOCK_KEY = 727_001; // pg_advisory_lock key reserved for the runner

export class MigrationError extends Error {}

export type MigrationFile = { name: string; checksum: string; sql: string };

/** sha256 of the file, line endings normalised so a CRLF checkout does not look edited. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export async function readMigrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const match = FILE_PATTERN.exec(name);
    if (!match) throw new MigrationError(`${name}: migration files are named NNNN_lowercase_name.sql`);
    if (seen.has(match[1])) throw new MigrationError(`${name}: two migrations share the number ${match[1]}`);
    seen.add(match[1]);
    const sql = await readFile(path.join(dir, name), 'utf8');
    files.push({ name, checksum: checksumOf(sql), sql });
  }
  return files;
}

export type MigrateResult = { applied: string[]; alreadyApplied: number };

export async function migrate(
  connectionString: string,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const files = await readMigrationFiles(options.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await takeRunnerLock(client);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name       VARCHAR(255) PRIMARY KEY,
      checksum   CHAR(64) NOT NULL,
      applied_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations ORDER BY name');
    const byName = new Map(files.map((f) => [f.name, f]));
    for (const row of rows) {
      const file = byName.get(row.name);
      if (!file) {
        throw new MigrationError(
          `the database has migration ${row.name} applied, but migrations-sql/ has no such file ` +
            '(is this database from a newer Baseplate?)',
        );
      }
      if (file.checksum !== row.checksum) {
        throw new MigrationError(
          `migrations-sql/${row.name} was edited after it was applied ` +
            `(checksum ${row.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk). ` +
            'Applied migrations are immutable: restore the file and add a new migration instead.',
        );
      }
    }
    const appliedNames = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const file of files) {
      if (appliedNames.has(file.name)) continue;
      if (hasNoTransactionMarker(file.sql)) {
        await runWithoutTransaction(client, file).catch((error: Error) => {
          throw new MigrationError(`${file.name}: ${error.message}`);
        });
        applied.push(file.name);
        log(`applied ${file.name} (outside a transaction)`);
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`${file.name} failed and was rolled back: ${(error as Error).message}`);
      }
      applied.push(file.name);
      log(`applied ${file.name}`);
    }
    return { applied, alreadyApplied: rows.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/**
 * The runner's advisory lock, polled with pg_try_advisory_lock rather than waited for with
 * pg_advisory_lock: a session blocked in pg_advisory_lock holds a snapshot, and CREATE INDEX
 * CONCURRENTLY in the instance holding the lock waits for every older snapshot in the database, so
 * the two would deadlock. Between polls a waiting instance holds nothing.
 */
async function takeRunnerLock(client: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEY]);
    if (rows[0].locked) return;
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 100));
  }
}
