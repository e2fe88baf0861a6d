import type { Prisma } from '@/lib/generated/prisma/client';
import type { RowDecoder } from './decode-row';
import { poolOf, type Db } from './prisma';

// The one way to run raw SQL (lib/db/README.md): a statement built with Prisma.sql in a *.sql.ts
// module, and its row decoder (decode-row.ts) from the same module. Outside a transaction the
// statement goes straight to the client's pg pool: Prisma's query interpretation costs more CPU
// than the hot reads take in PostgreSQL (bench/search: 2.5 ms against 0.6 ms for 50 entities).
// Inside an interactive transaction the pg client is out of reach, so it goes through the
// transaction's $queryRaw. Either way the decoder makes the rows the same.

type Runner = Db | Prisma.TransactionClient;

/** The rows of one statement, each passed through `decode`. */
export async function runSql<T>(db: Runner, sql: Prisma.Sql, decode: RowDecoder<T>): Promise<T[]> {
  const pool = poolOf(db);
  const rows = pool
    ? (await pool.query<Record<string, unknown>>(sql.text, sql.values)).rows
    : await db.$queryRaw<Array<Record<string, unknown>>>(sql);
  return rows.map(decode);
}

/** A statement whose rows nobody reads (a write, a lock): the number of rows it touched. */
export async function execSql(db: Runner, sql: Prisma.Sql): Promise<number> {
  const pool = poolOf(db);
  if (!pool) return db.$executeRaw(sql);
  return (await pool.query(sql.text, sql.values)).rowCount ?? 0;
}

/**
 * runSql, cancelled by PostgreSQL after `timeoutMs` (57014, query_canceled): for a statement whose
 * cost depends on the data (a count), so it can never hold a request up.
 */
export async function runSqlWithin<T>(db: Db, sql: Prisma.Sql, decode: RowDecoder<T>, timeoutMs: number): Promise<T[]> {
  const pool = poolOf(db);
  if (!pool) {
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`;
      return runSql(tx, sql, decode);
    });
  }
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`SELECT set_config('statement_timeout', $1, false)`, [String(timeoutMs)]);
    return (await client.query<Record<string, unknown>>(sql.text, sql.values)).rows.map(decode);
  } finally {
    await client.query('RESET statement_timeout').catch((error: Error) => (broken = error));
    client.release(broken); // a connection that cannot reset is closed, never reused with the timeout
  }
}

/** runSqlWithin, or null when PostgreSQL cancelled it for taking longer than `timeoutMs`. */
export async function runSqlWithinOrNull<T>(db: Db, sql: Prisma.Sql, decode: RowDecoder<T>, timeoutMs: number): Promise<T[] | null> {
  try {
    return await runSqlWithin(db, sql, decode, timeoutMs);
  } catch (error) {
    if (isQueryCanceled(error)) return null;
    throw error;
  }
}

/** Whether an error is PostgreSQL cancelling a statement (statement_timeout), by pg or by Prisma. */
export function isQueryCanceled(error: unknown): boolean {
  return (error as { code?: unknown })?.code === '57014' || String((error as Error)?.message).includes('57014');
}
