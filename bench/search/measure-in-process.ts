import pg from 'pg';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { resolveTeamContext, type TeamContext } from '@/lib/authz/team-context';
import { createPrisma, type Db } from '@/lib/db/prisma';
import { isQueryCanceled } from '@/lib/db/run-sql';
import { percentile } from '../support/stats';
import type { BenchCase } from './bench-cases';
import type { BenchTeam } from './setup-bench-team';

// Two of the three ways each query family is measured, in the benchmark's own process, one call at
// a time: the service the route calls (after authentication), and the raw SQL that service sends,
// replayed over a plain `pg` pool. The statements are captured by watching pg's Client.query
// during one service call, so "raw SQL" is exactly what Baseplate runs, nothing hand-written.

export type Latency = { p50: number; p95: number };
export type InProcessResult = { sql: Latency; service: Latency; statements: number };

export type Statement = { text: string; values: unknown[] };

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);

async function time(fn: () => Promise<unknown>): Promise<Latency> {
  for (let i = 0; i < 20; i++) await fn(); // warm caches, JIT and the validator cache
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** The statements `fn` sends through any pg client, in order. */
async function capture(fn: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    if (typeof first === 'string') statements.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === 'object' && 'text' in first) statements.push({ text: first.text, values: first.values ?? [] });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return statements;
}

export type InProcess = {
  measure(c: BenchCase): Promise<InProcessResult>;
  statementsOf(c: BenchCase): Promise<Statement[]>;
  close(): Promise<void>;
};

export async function openInProcess(databaseUrl: string, team: BenchTeam): Promise<InProcess> {
  const db: Db = createPrisma(databaseUrl, 4);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const actor = await resolveActor(db, new Headers({ authorization: `Bearer ${team.apiKey}` }), async () => null);
  const ctx: TeamContext = await resolveTeamContext(db, { requestId: 'bench', actor: actor!, ip: null, userAgent: 'bench' }, 'bench');
  return {
    async measure(c) {
      const service = await time(() => c.service(db, ctx));
      const statements = await capture(() => c.service(db, ctx));
      // Replayed on ONE connection, so a session setting the service makes (the count's
      // statement_timeout, then its RESET) applies to the statements it applied to; a count the
      // timeout cancels is what the service met too (it then answers with an estimate).
      const sql = await time(async () => {
        const client = await pool.connect();
        try {
          for (const s of statements)
            await client.query(s.text, s.values).catch((error: unknown) => {
              if (!isQueryCanceled(error)) throw error;
            });
        } finally {
          client.release();
        }
      });
      return { sql, service, statements: statements.length };
    },
    statementsOf: (c) => capture(() => c.service(db, ctx)),
    async close() {
      await pool.end();
      await db.$disconnect();
    },
  };
}
