import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { peakRssMb, ROOT, type BenchServer } from '../support/bench-server';
import { runLoad, type LoadResult } from '../support/load';
import { sampleService } from '../support/sample-service';
import { machineLine, today } from '../support/stats';
import { BENCH_SCHEMA } from './generate-dataset';

// The scorecards suite (issue 12): `BENCH_SUITE=scorecards npm run bench` (or `npm run
// bench:scorecards`). On the search benchmark's dataset it measures through the real HTTP API of
// a production build, with the job queue running inside it:
//   1. a full recompute of a 10-rule scorecard over the `component` blueprint (100k entities at
//      1M): from the POST until the scorecard says recomputing: false;
//   2. GET .../summary p95 on that scorecard, with and without a query;
//   3. a catalog search filtered by level against the same search filtered by an indexed property;
//   4. validated bulk ingest into a fresh blueprint without scorecards, then into one carrying 3
//      scorecards of 10 rules each: the cost of keeping results live on every write.
// What it creates it deletes again, so the dataset stays the search benchmark's. Writes
// bench/results/scorecards-<date>.md.

type Options = { total: number; connections: number; seconds: number };

const INGEST = Number(process.env.BENCH_INGEST ?? 30_000);
const BATCH = 1000;

/** Ten rules over the benchmark schema, spread over three levels, mixing the search operators. */
function tenRules(variant: number) {
  const rule = (identifier: string, level: string, property: string, operator: string, value?: unknown) => ({
    identifier: `${identifier}-${variant}`,
    title: `${identifier} ${variant}`,
    level,
    query: { combinator: 'and', rules: [value === undefined ? { property, operator } : { property, operator, value }] },
  });
  return [
    rule('owner', 'Bronze', 'owner_email', 'isNotEmpty'),
    rule('repository', 'Bronze', 'repository', 'beginsWith', 'https://'),
    rule('not-deprecated', 'Bronze', 'lifecycle', '!=', 'deprecated'),
    rule('tier', 'Silver', 'tier', '<=', 3 - (variant % 2)),
    rule('slo', 'Silver', 'uptime_slo', '>=', 99.5),
    rule('tagged', 'Silver', 'tags', 'containsAny', ['payments', 'checkout', 'search']),
    rule('production', 'Silver', 'metadata.environment', '=', 'production'),
    rule('version', 'Gold', 'version', '>=', `${2 + (variant % 2)}.0.0`),
    rule('private', 'Gold', 'public', '=', false),
    rule('language', 'Gold', 'language', 'in', ['TypeScript', 'Go', 'Rust']),
  ];
}

type Api = <T>(method: string, route: string, body?: unknown) => Promise<{ status: number; body: T }>;

function apiFor(base: string, token: string): Api {
  return async (method, route, body) => {
    const res = await fetch(base + route, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, body: (text ? JSON.parse(text) : null) as never };
  };
}

/** Polls the scorecard until its results are live (a state, not a time); returns the seconds taken. */
async function untilComputed(api: Api, route: string, started: number): Promise<number> {
  for (;;) {
    const { body } = await api<{ recomputing: boolean; computed_at: string | null }>('GET', route);
    if (!body.recomputing && body.computed_at) return (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ingest(api: Api, blueprint: string, offset: number): Promise<number> {
  const batches = Math.ceil(INGEST / BATCH);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      for (let b = next++; b < batches; b = next++) {
        const entities = Array.from({ length: Math.min(BATCH, INGEST - b * BATCH) }, (_, k) => sampleService(offset + b * BATCH + k));
        await api('POST', `/api/v1/teams/bench/blueprints/${blueprint}/entities/bulk`, { entities });
      }
    }),
  );
  return Math.round(INGEST / ((performance.now() - started) / 1000));
}

const ms = (v: number) => v.toFixed(1);
const row = (name: string, r: LoadResult) => `| ${name} | ${ms(r.p50)} | ${ms(r.p95)} | ${r.perSecond} | ${r.non2xx} |`;

export async function scorecardsSuite(server: BenchServer, options: Options, log: (line: string) => void): Promise<void> {
  const { total: TOTAL, connections: CONNECTIONS, seconds: SECONDS } = options;
  const login = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password' }),
  });
  const { token } = (await login.json()) as { token: string };
  const api = apiFor(server.base, token);
  const auth = { authorization: `Bearer ${token}` };
  const cards = '/api/v1/teams/bench/blueprints/component/scorecards';
  const runId = Date.now().toString(36);

  log('1. Full recompute of a 10-rule scorecard over `component` ...');
  const sc = `readiness-${runId}`;
  const t0 = performance.now();
  await api('POST', cards, { identifier: sc, title: 'Readiness', rules: tenRules(0) });
  const recompute = await untilComputed(api, `${cards}/${sc}`, t0);
  const { body: summary } = await api<{ total: number; levels: Array<{ name: string; count: number }> }>('GET', `${cards}/${sc}/summary`);
  log(`   ${summary.total.toLocaleString('en')} entities in ${recompute.toFixed(1)} s`);

  log('2. Summary and 3. search by level ...');
  const load = { connections: CONNECTIONS, seconds: SECONDS };
  const quarter = encodeURIComponent(JSON.stringify({ combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 2 }] }));
  const summaryAll = await runLoad(server.base, { method: 'GET', path: `${cards}/${sc}/summary`, headers: auth }, load);
  const summaryFiltered = await runLoad(
    server.base,
    { method: 'GET', path: `${cards}/${sc}/summary?query=${quarter}`, headers: auth },
    load,
  );
  const search = (rule: unknown) => ({
    method: 'POST' as const,
    path: '/api/v1/teams/bench/blueprints/component/entities/search',
    headers: auth,
    body: { query: { combinator: 'and', rules: [rule] }, limit: 50 },
  });
  const byLevel = await runLoad(server.base, search({ scorecard: sc, operator: '=', value: 'Silver' }), load);
  const byProperty = await runLoad(server.base, search({ property: 'metadata.environment', operator: '=', value: 'production' }), load);

  log('4. Bulk ingest without and with 3 scorecards of 10 rules ...');
  for (const id of [`plain-${runId}`, `scored-${runId}`]) {
    await api('POST', '/api/v1/teams/bench/blueprints', { id, title: id, schema: BENCH_SCHEMA });
  }
  for (let v = 0; v < 3; v++) {
    await api('POST', `/api/v1/teams/bench/blueprints/scored-${runId}/scorecards`, {
      identifier: `card-${v}`,
      title: `Card ${v}`,
      rules: tenRules(v),
    });
  }
  const plain = await ingest(api, `plain-${runId}`, 0);
  const scored = await ingest(api, `scored-${runId}`, 0);
  log(`   ${plain} entities/s without scorecards, ${scored} with`);

  // The dataset stays as the search benchmark made it for the next run.
  for (const id of [`plain-${runId}`, `scored-${runId}`]) await api('DELETE', `/api/v1/teams/bench/blueprints/${id}`);
  await api('DELETE', `${cards}/${sc}`);

  const levels = summary.levels.map((l) => `${l.name} ${l.count.toLocaleString('en')}`).join(', ');
  const report = [
    `# Scorecards at scale, ${today()}`,
    '',
    `Command: \`BENCH_ENTITIES=${TOTAL} npm run bench:scorecards\` (latency runs: ${CONNECTIONS} connections × ${SECONDS} s; ingest: ${INGEST.toLocaleString('en')} entities per blueprint in batches of ${BATCH}, 2 at a time).`,
    '',
    `Machine: ${machineLine()}. The load generator, Baseplate (production build, one Node process, the job queue inside it) and the embedded PostgreSQL 17 share it.`,
    '',
    `Dataset: the search benchmark's ${TOTAL.toLocaleString('en')} entities (bench/search/generate-dataset.ts); the scorecard grades \`component\`.`,
    '',
    '| measure | result | goal |',
    '|---|---|---|',
    `| full recompute, 10 rules, ${summary.total.toLocaleString('en')} entities (POST to results live) | **${recompute.toFixed(1)} s** | < 10 s |`,
    `| summary p95, no query | **${ms(summaryAll.p95)} ms** | < 20 ms |`,
    `| summary p95, query matching a quarter | ${ms(summaryFiltered.p95)} ms | |`,
    `| search p95 filtered by level | **${ms(byLevel.p95)} ms** | as fast as by an indexed property |`,
    `| search p95 filtered by an indexed property (GIN) | ${ms(byProperty.p95)} ms | |`,
    `| bulk ingest without scorecards | ${plain.toLocaleString('en')} entities/s | |`,
    `| bulk ingest with 3 scorecards × 10 rules | ${scored.toLocaleString('en')} entities/s | |`,
    `| **cost of live scorecards on writes** | **${Math.round(100 * (1 - scored / plain))}%** | < 15% |`,
    '',
    `Levels after the recompute: ${levels}.`,
    '',
    '| request | p50 ms | p95 ms | req/s | non-2xx |',
    '|---|---|---|---|---|',
    row('GET summary', summaryAll),
    row('GET summary?query=(tier = 2)', summaryFiltered),
    row('POST search, level = Silver', byLevel),
    row('POST search, metadata.environment = production', byProperty),
    '',
    `Server peak RSS: ${peakRssMb(server.pid).toFixed(0)} MB.`,
    '',
  ].join('\n');
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  const file = path.join(ROOT, 'bench', 'results', `scorecards-${today()}.md`);
  writeFileSync(file, report);
  console.log(report);
  console.log(`written to ${path.relative(ROOT, file)}`);
}
