import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { peakRssMb, ROOT, startBenchServer, type BenchServer } from '../support/bench-server';
import { machineLine, today } from '../support/stats';
import { benchCases } from './bench-cases';
import { measureCases, latencyTable, ms } from './measure-cases';
import { openInProcess, type InProcess } from './measure-in-process';
import { compareWithBareServer } from './compare-bare-server';
import { FILTERED_PAGE } from './bench-cases';
import { relationsSuite } from './run-relations';
import { scorecardsSuite } from './run-scorecards';
import { setupBenchTeam, type BenchTeam } from './setup-bench-team';
import { planDataset } from './generate-dataset';

// The search benchmark (issue 5): `npm run bench`. Generates BENCH_ENTITIES (default 1,000,000)
// entities into its own embedded PostgreSQL under bench/.data/ (kept for the next run), then
// measures every query family three ways: raw SQL over `pg`, the service layer in-process, and
// the HTTP API under concurrency (autocannon), plus the filtered list page's throughput against a
// bare node:http + pg server running the same SQL. Writes bench/results/search-<date>.md.
// The relations suite (issue 6, run-relations.ts) runs on the same dataset, which also holds
// ~0.9M links, and writes bench/results/relations-<date>.md; so does the scorecards suite (issue
// 12, run-scorecards.ts: bench/results/scorecards-<date>.md).
// Never part of `npm test`.

const TOTAL = Number(process.env.BENCH_ENTITIES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
// BENCH_SUITE=search|relations|scorecards runs one suite (each writes its own results file); default all.
const SUITE = process.env.BENCH_SUITE ?? 'all';
if (!['all', 'search', 'relations', 'scorecards'].includes(SUITE))
  throw new Error(`BENCH_SUITE must be all, search, relations or scorecards, got ${SUITE}`);
const log = (line: string) => console.log(line);

async function deepCursor(base: string, apiKey: string, depth: number): Promise<string> {
  let cursor: string | null = null;
  for (let seen = 0; seen < depth; seen += 1000) {
    const res = await fetch(
      `${base}/api/v1/teams/bench/blueprints/component/entities?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        headers: { authorization: `Bearer ${apiKey}` },
      },
    );
    const page = (await res.json()) as { next_cursor: string | null };
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  if (!cursor) throw new Error('could not walk to a deep page');
  return cursor;
}

async function searchSuite(server: BenchServer, team: BenchTeam, inProcessRuns: InProcess) {
  const auth = { authorization: `Bearer ${team.apiKey}` };
  const componentCount = planDataset(TOTAL).find((p) => p.team === 0 && p.blueprint === 'component')!.count;
  const cases = benchCases(await deepCursor(server.base, team.apiKey, Math.floor(componentCount * 0.9)));

  const rows = await measureCases(server.base, auth, cases, inProcessRuns, { connections: CONNECTIONS, seconds: SECONDS }, log);
  // Throughput against the bare server running the same entity statements: the filtered search
  // page of the goal (its capped count dominates), and the plain first page (the least SQL, so
  // what Baseplate adds per request shows most).
  const compared = [cases.find((c) => c.request.body === FILTERED_PAGE)!, cases[0]];
  const comparisons = [];
  for (const c of compared) {
    const entitySql = (await inProcessRuns.statementsOf(c)).filter((st) => /FROM entities/.test(st.text));
    comparisons.push({ name: c.name, ...(await compareWithBareServer(server, { ...c.request, headers: auth }, entitySql, log)) });
  }
  const throughput = comparisons[0];
  const report = [
    `# Search at scale, ${today()}`,
    '',
    `Command: \`BENCH_ENTITIES=${TOTAL} npm run bench\` (latency runs: ${CONNECTIONS} connections × ${SECONDS} s each; the throughput runs: ${throughput.connections} connections × ${throughput.seconds} s).`,
    '',
    `Machine: ${machineLine()}. The load generator, Baseplate (production build, one Node process) and the embedded PostgreSQL 17 share it.`,
    '',
    `Dataset: ${TOTAL.toLocaleString('en')} entities over 50 teams × 20 blueprints, generated in SQL (bench/search/generate-dataset.ts). The measured team holds ${planDataset(
      TOTAL,
    )
      .filter((p) => p.team === 0)
      .reduce((s, p) => s + p.count, 0)
      .toLocaleString(
        'en',
      )} of them: \`component\` ${componentCount.toLocaleString('en')}, \`service\` ${planDataset(TOTAL)[0].count.toLocaleString('en')}.`,
    '',
    ...latencyTable(rows),
    '',
    'Throughput against a bare node:http + pg server running the same entity statements (goal for the filtered list page: ≥ 60%):',
    '',
    '| page | Baseplate req/s (p95) | bare req/s (p95) | ratio |',
    '|---|---|---|---|',
    ...comparisons.map(
      (t) =>
        `| ${t.name} | ${t.baseplate.perSecond} (${ms(t.baseplate.p95)} ms) | ${t.bare.perSecond} (${ms(t.bare.p95)} ms) | **${Math.round((100 * t.baseplate.perSecond) / t.bare.perSecond)}%** |`,
    ),
    '',
    `Server peak RSS: ${peakRssMb(server.pid).toFixed(0)} MB. Non-2xx answers during the runs: ${rows.reduce((s, r) => s + r.http.non2xx, 0)}.`,
    '',
  ].join('\n');
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  const file = path.join(ROOT, 'bench', 'results', `search-${today()}.md`);
  writeFileSync(file, report);
  console.log(report);
  console.log(`written to ${path.relative(ROOT, file)}`);
}

async function main() {
  const dataDir = path.join(ROOT, 'bench', '.data', `search-${TOTAL}`);
  mkdirSync(dataDir, { recursive: true });
  log(`Starting Baseplate on ${dataDir} ...`);
  const server = await startBenchServer(dataDir);
  try {
    const team = await setupBenchTeam(server.base, server.databaseUrl, dataDir, TOTAL, log);
    const inProcessRuns = await openInProcess(server.databaseUrl, team);
    try {
      if (SUITE === 'all' || SUITE === 'search') await searchSuite(server, team, inProcessRuns);
      if (SUITE === 'all' || SUITE === 'relations')
        await relationsSuite(server, team, inProcessRuns, { total: TOTAL, connections: CONNECTIONS, seconds: SECONDS }, log);
      if (SUITE === 'all' || SUITE === 'scorecards')
        await scorecardsSuite(server, { total: TOTAL, connections: CONNECTIONS, seconds: SECONDS }, log);
    } finally {
      await inProcessRuns.close();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
