import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { peakRssMb, ROOT, startBenchServer } from './support/bench-server';
import { machineLine, today } from './support/stats';
import { BENCH_SCHEMA, insertGeneratedEntities } from './search/generate-dataset';
import { setupBenchTeam } from './search/setup-bench-team';
import pg from 'pg';

// Export benchmark (issue 14 item 7): streams GET /api/v1/teams/bench/export of the search
// benchmark's dataset (BENCH_ENTITIES, default 1,000,000 over 50 teams; the bench team's share is
// exported) in each format, reading the body as it comes and keeping none of it. Prints and
// writes rows/s, MB/s, and the server's resident memory: sampled during the stream (it must stay
// flat: one batch of 1,000 in memory whatever the catalog's size) and its peak (VmHWM, which also
// counts start-up and earlier runs).
//   npm run bench:export
//   BENCH_ENTITIES=100000 BENCH_EXPORT_FORMATS=ndjson,csv npm run bench:export
// BENCH_EXPORT_ROWS=1000000 adds a blueprint `bulk` of that many entities to the bench team and
// exports it alone (`?blueprint=bulk`): one team's million entities in one stream.
// Never part of `npm test`. Results go to bench/results/export-<date>.md.

const TOTAL = Number(process.env.BENCH_ENTITIES ?? 1_000_000);
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'ndjson,json,csv,yaml').split(',');
const BULK_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 0);
const log = (line: string) => console.log(line);

/** The resident memory of a process now (VmRSS), in MB. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

type Run = { format: string; rows: number; bytes: number; seconds: number; rss: number[]; peak: number };

async function streamOne(base: string, apiKey: string, pid: number, format: string): Promise<Run> {
  const started = performance.now();
  const only = BULK_ROWS ? '&blueprint=bulk' : '';
  const res = await fetch(`${base}/api/v1/teams/bench/export?format=${format}${only}`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (res.status !== 200 || !res.body) throw new Error(`export ${format}: ${res.status} ${await res.text()}`);
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMb(pid)), 250);
  let bytes = 0;
  let newlines = 0;
  let separators = 0; // lines that are exactly `---` (yaml: one per document)
  let line = ''; // the current line's first bytes, enough to tell `---`
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] !== 10) {
          if (line.length < 4) line += String.fromCharCode(chunk[i]);
          continue;
        }
        newlines++;
        if (line === '---') separators++;
        line = '';
      }
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  // Rows from each format's framing (export-writers.ts): ndjson a line each; json a line each
  // between `{"entities":[` and `\n]}\n`; csv a record per line after the header (the bench's data
  // holds no line breaks); yaml a `---` per document.
  const rows = { ndjson: newlines, json: newlines - 2, csv: newlines - 1, yaml: separators }[format] ?? NaN;
  return { format, rows, bytes, seconds, rss, peak: peakRssMb(pid) };
}

/** The `bulk` blueprint of BENCH_EXPORT_ROWS entities in the bench team, once per data directory. */
async function addBulkBlueprint(databaseUrl: string, teamId: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entities WHERE team_id = $1 AND blueprint_id = 'bulk'`,
      [teamId],
    );
    if (rows[0].n === BULK_ROWS) return log(`Reusing the bulk blueprint (${BULK_ROWS.toLocaleString('en')} entities).`);
    if (rows[0].n > 0)
      throw new Error(`the bulk blueprint holds ${rows[0].n} entities; remove the data directory or choose BENCH_EXPORT_ROWS=${rows[0].n}`);
    log(`Generating ${BULK_ROWS.toLocaleString('en')} entities of the bulk blueprint ...`);
    const started = Date.now();
    await pool.query(`INSERT INTO blueprints (team_id, id, title, schema) VALUES ($1, 'bulk', 'Bulk', $2)`, [
      teamId,
      JSON.stringify(BENCH_SCHEMA),
    ]);
    await insertGeneratedEntities(pool, teamId, 'bulk', 1, BULK_ROWS);
    await pool.query('VACUUM ANALYZE entities');
    log(`  generated in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await pool.end();
  }
}

async function main() {
  // A dataset with the bulk blueprint is a directory of its own: the search benchmark's stays as it is.
  const dataDir = path.join(ROOT, 'bench', '.data', `search-${TOTAL}${BULK_ROWS ? `-bulk-${BULK_ROWS}` : ''}`);
  mkdirSync(dataDir, { recursive: true });
  log(`Starting Baseplate on ${dataDir} ...`);
  const server = await startBenchServer(dataDir);
  const runs: Run[] = [];
  try {
    const team = await setupBenchTeam(server.base, server.databaseUrl, dataDir, TOTAL, log);
    if (BULK_ROWS) await addBulkBlueprint(server.databaseUrl, team.teamId);
    const before = rssMb(server.pid);
    log(`Server RSS before the exports: ${before.toFixed(0)} MB`);
    for (const format of FORMATS) {
      log(`Exporting as ${format} ...`);
      const run = await streamOne(server.base, team.apiKey, server.pid, format);
      runs.push(run);
      const rate = Number.isNaN(run.rows) ? 'n/a' : Math.round(run.rows / run.seconds).toLocaleString('en');
      log(
        `  ${run.rows.toLocaleString('en')} rows, ${(run.bytes / 2 ** 20).toFixed(0)} MB in ${run.seconds.toFixed(1)} s: ${rate} rows/s; RSS during ${Math.min(...run.rss).toFixed(0)}..${Math.max(...run.rss).toFixed(0)} MB, peak ${run.peak.toFixed(0)} MB`,
      );
    }
    const lines = [
      `# Export at scale, ${today()}`,
      '',
      `Command: \`BENCH_ENTITIES=${TOTAL}${BULK_ROWS ? ` BENCH_EXPORT_ROWS=${BULK_ROWS}` : ''} npm run bench:export\` (formats: ${FORMATS.join(', ')}).`,
      '',
      `Machine: ${machineLine()}. The client, Baseplate (production build, one Node process) and the embedded PostgreSQL 17 share it.`,
      '',
      `${BULK_ROWS ? `One blueprint of the bench team holding ${BULK_ROWS.toLocaleString('en')} entities (\`BENCH_EXPORT_ROWS=${BULK_ROWS}\`, \`?blueprint=bulk\`)` : "The bench team's whole catalog"}, streamed over HTTP with an API key; the client reads and drops each chunk. Server RSS before the exports: ${before.toFixed(0)} MB.`,
      '',
      '| format | rows | MB | seconds | rows/s | RSS during (min..max, MB) | peak RSS (VmHWM, MB) |',
      '|---|---:|---:|---:|---:|---|---:|',
      ...runs.map(
        (r) =>
          `| ${r.format} | ${Number.isNaN(r.rows) ? 'n/a' : r.rows.toLocaleString('en')} | ${(r.bytes / 2 ** 20).toFixed(0)} | ${r.seconds.toFixed(1)} | ${Number.isNaN(r.rows) ? 'n/a' : Math.round(r.rows / r.seconds).toLocaleString('en')} | ${Math.min(...r.rss).toFixed(0)}..${Math.max(...r.rss).toFixed(0)} | ${r.peak.toFixed(0)} |`,
      ),
      '',
    ];
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    const file = path.join(ROOT, 'bench', 'results', `export-${today()}.md`);
    writeFileSync(file, lines.join('\n'));
    log(`Wrote ${path.relative(ROOT, file)}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
