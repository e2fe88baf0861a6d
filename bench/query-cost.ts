import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { migrate } from '@/lib/db/migrate';
import { containmentDoc } from '@/lib/search/compile-where.sql';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { compileFilter } from '@/lib/search/search-entities';
import { pageStatement } from '@/lib/search/search-entities.sql';
import { typeSort } from '@/lib/search/type-sort';
import type { RawGroup } from '@/lib/search/search-types';
import { machineLine, today } from './support/stats';

// What a search made of big `in` lists costs PostgreSQL (issue 11, item 1): the old compilation
// (every list as `e.data @> ANY($docs)`, which the planner prices value by value) against the
// current one (search-limits.ts caps the total; compile-where.sql.ts). Planner memory comes from
// EXPLAIN (MEMORY) (PostgreSQL 17), times from EXPLAIN (ANALYZE) and the wall clock.
// Run: npx tsx bench/query-cost.ts   (starts its own embedded PostgreSQL; ~1 min)
// Writes bench/results/query-cost-<date>.md.

const ROWS = 30_000;
const SCHEMA = { type: 'object', properties: { status: { type: 'string' }, tier: { type: 'integer' } } };

function lists(rules: number, values: number): RawGroup {
  const body = {
    query: {
      combinator: 'or',
      rules: Array.from({ length: rules }, (_, r) => ({
        property: 'status',
        operator: 'in',
        value: Array.from({ length: values }, (_, v) => (r === 0 && v === 0 ? 'rare-value' : `absent-${r}-${v}`)),
      })),
    },
  };
  // Parsed rule by rule, so that a query the limits refuse can still be compiled for comparison.
  const rulesParsed = body.query.rules.map((rule) => parseSearchBody({ query: { rules: [rule] } }).query!.rules[0]);
  return { combinator: 'or', rules: rulesParsed, path: 'query' };
}

/** The statement as the compiler before issue 11 wrote it: one planner-visible jsonb[] per rule. */
function oldStatement(teamId: string, rules: number, values: number): { text: string; values: unknown[] } {
  const params: unknown[] = [teamId];
  const arms = lists(rules, values).rules.map((rule) => {
    params.push((rule as { value: string[] }).value.map((v) => containmentDoc(['status'], v)));
    return `(e.data @> ANY($${params.length}::jsonb[]))`;
  });
  return {
    text: `SELECT e.id FROM entities e WHERE e.team_id = $1::uuid AND e.blueprint_id = 'service' AND (${arms.join(' OR ')})
            ORDER BY e.created_at DESC, e.id DESC LIMIT 51`,
    values: params,
  };
}

function newStatement(teamId: string, rules: number, values: number): { text: string; values: unknown[] } {
  const where = compileFilter({ query: lists(rules, values), q: null }, SCHEMA);
  return pageStatement({ teamId, blueprintId: 'service' }, where, typeSort([], SCHEMA), null, 50);
}

type Row = { name: string; planMemory: string; planMs: number; execMs: number; plan: string };

// The old 200 x 500 statement is never sent: on this data set, planning it alone (EXPLAIN, no
// ANALYZE; 2026-12-06) grew the backend to 20.5 GB of RSS in ~4 minutes until the kernel's OOM
// killer ended it, which restarts the whole server (every tenant's sessions). Its cost grows with
// the values the planner prices, so the table shows 1 and 2 rules of 500 instead.

/** `run: false` plans only: never execute the old 200 x 500 statement (see the note in the results). */
async function measure(pool: pg.Pool, name: string, statement: { text: string; values: unknown[] }, run = true): Promise<Row> {
  const { rows } = await pool.query<{ 'QUERY PLAN': Array<Record<string, unknown>> }>(
    `EXPLAIN (${run ? 'ANALYZE, ' : ''}MEMORY, SUMMARY, FORMAT JSON) ${statement.text}`,
    statement.values,
  );
  const top = rows[0]['QUERY PLAN'][0] as {
    Planning: { 'Memory Used': number };
    'Planning Time': number;
    'Execution Time': number;
    Plan: unknown;
  };
  const scans = [...JSON.stringify(top.Plan).matchAll(/"Index Name":"(\w+)"/g)].map((m) => m[1]);
  return {
    name,
    planMemory: `${(top.Planning['Memory Used'] / 1024).toFixed(1)} MB`,
    planMs: Math.round(top['Planning Time'] * 10) / 10,
    execMs: run ? Math.round(top['Execution Time'] * 10) / 10 : NaN,
    plan: [...new Set(scans)].join(', ') || 'seq scan',
  };
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), 'baseplate-query-cost-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, database: 'bench', unsafeFast: true });
  const pool = new pg.Pool({ connectionString: server.url, max: 1, options: '-c statement_timeout=120000' });
  try {
    await migrate(server.url);
    const {
      rows: [team],
    } = await pool.query<{ id: string }>(`INSERT INTO teams (name, slug) VALUES ('bench', 'bench') RETURNING id`);
    await pool.query(`INSERT INTO blueprints (team_id, id, title, schema) VALUES ($1, 'service', 'service', $2)`, [team.id, SCHEMA]);
    await pool.query(
      `INSERT INTO entities (team_id, blueprint_id, identifier, title, data)
       SELECT $1, 'service', 'entity-' || i, 'Entity ' || i,
              jsonb_build_object('status', CASE WHEN i % 5003 = 0 THEN 'rare-value' ELSE 'status-' || (i % 37) END, 'tier', i % 4,
                                 'notes', 'plain note ' || (i % 100))
         FROM generate_series(1, ${ROWS}) AS i`,
      [team.id],
    );
    await pool.query('VACUUM ANALYZE entities');

    const results: Row[] = [];
    results.push(await measure(pool, 'before: 1 rule x 500 values (plan only)', oldStatement(team.id, 1, 500), false));
    results.push(await measure(pool, 'before: 2 rules x 500 values, OR (plan only)', oldStatement(team.id, 2, 500), false));
    results.push(await measure(pool, 'before: 1 rule x 1000 values', oldStatement(team.id, 1, 1000)));
    results.push(await measure(pool, 'now: 1 rule x 1000 values', newStatement(team.id, 1, 1000)));
    results.push(await measure(pool, 'now: 4 rules x 500 values, OR (the most values allowed)', newStatement(team.id, 4, 500)));
    results.push(await measure(pool, 'now: 1 rule x 100 values (the inline budget: containment)', newStatement(team.id, 1, 100)));

    const started = process.hrtime.bigint();
    let refusal = '';
    try {
      parseSearchBody({
        query: {
          combinator: 'or',
          rules: Array.from({ length: 200 }, (_, r) => ({
            property: 'status',
            operator: 'in',
            value: Array.from({ length: 500 }, (_, v) => `s-${r}-${v}`),
          })),
        },
      });
    } catch (error) {
      refusal = (error as Error).message;
    }
    const refusalMs = Number(process.hrtime.bigint() - started) / 1e6;

    const lines = [
      `# Query cost of big \`in\` lists (${today()})`,
      '',
      machineLine(),
      `Data: ${ROWS.toLocaleString('en')} entities of one blueprint, \`status\` one of 37 values plus a rare one; fresh statistics. Command: \`npx tsx bench/query-cost.ts\`.`,
      '',
      '| statement | planner memory | planning | execution | indexes in the plan |',
      '|---|---|---|---|---|',
      ...results.map(
        (r) => `| ${r.name} | ${r.planMemory} | ${r.planMs} ms | ${Number.isNaN(r.execMs) ? 'not run' : `${r.execMs} ms`} | ${r.plan} |`,
      ),
      '| before: 200 rules x 500 values, OR (plan only) | >20 GB: OOM-killed after ~4 min (run once, never again) | | not run | |',
      `| now: 200 rules x 500 values | none: refused before any SQL, parse ${refusalMs.toFixed(1)} ms | | | 400: ${refusal.replace(/\|/g, '/')} |`,
      '',
    ];
    const out = path.resolve(import.meta.dirname, 'results', `query-cost-${today()}.md`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await pool.end();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
