import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { peakRssMb, ROOT, startBenchServer } from './support/bench-server';
import { createBenchTeam } from './support/bench-team';
import { machineLine, percentile, today } from './support/stats';
import { sampleService as entity } from './support/sample-service';

// Bulk-ingest benchmark (issue 4): validated entities through the real HTTP API, in batches of
// 1000 (POST .../entities/bulk), against a production build on its own embedded PostgreSQL.
// Reports entities per second end to end, batch latencies, and the server's peak memory.
//   npm run bench:ingest                  (100,000 entities, 2 concurrent batches)
//   BENCH_ENTITIES=500000 BENCH_CONCURRENCY=4 npm run bench:ingest
// Never part of `npm test`. Results go to bench/results/bulk-ingest-<date>.md.

const TOTAL = Number(process.env.BENCH_ENTITIES ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const BATCH = 1000;

async function main() {
  const dataDir = path.join(ROOT, 'bench', '.data', `ingest-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const server = await startBenchServer(dataDir);
  const { base } = server;
  try {
    const auth = await createBenchTeam(base);

    const batches = Math.ceil(TOTAL / BATCH);
    const latencies: number[] = [];
    let next = 0;
    let written = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let b = next++; b < batches; b = next++) {
          const items = Array.from({ length: Math.min(BATCH, TOTAL - b * BATCH) }, (_, k) => entity(b * BATCH + k));
          const t0 = performance.now();
          const res = await fetch(`${base}/api/v1/teams/bench/blueprints/service/entities/bulk`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ entities: items }),
          });
          const body = await res.json();
          latencies.push(performance.now() - t0);
          if (res.status !== 200) throw new Error(`batch ${b}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          written += items.length;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const count = await (await fetch(`${base}/api/v1/teams/bench/blueprints/service`, { headers: auth })).json();
    const peak = peakRssMb(server.pid);
    const rate = Math.round(written / seconds);
    const report = [
      `# Bulk ingest through the HTTP API, ${today()}`,
      '',
      'Command: `npm run bench:ingest` ' + `(BENCH_ENTITIES=${TOTAL}, BENCH_CONCURRENCY=${CONCURRENCY})`,
      '',
      `Machine: ${machineLine()}; the client, the server and the embedded PostgreSQL 17 share it.`,
      '',
      '| measure | value |',
      '|---|---|',
      `| entities written (validated against the 13-property \`service\` schema) | ${written.toLocaleString('en')} |`,
      `| entity_count reported by the API afterwards | ${Number(count.entity_count).toLocaleString('en')} |`,
      `| batches of ${BATCH}, concurrent | ${batches}, ${CONCURRENCY} |`,
      `| wall time | ${seconds.toFixed(1)} s |`,
      `| **throughput** | **${rate.toLocaleString('en')} entities/s** (goal: 5,000) |`,
      `| batch latency p50 / p95 / max | ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} / ${Math.max(...latencies).toFixed(0)} ms |`,
      `| server peak RSS (VmHWM, Next + app in one process) | ${peak.toFixed(0)} MB |`,
      '',
    ].join('\n');
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    const file = path.join(ROOT, 'bench', 'results', `bulk-ingest-${today()}.md`);
    writeFileSync(file, report);
    console.log(report);
    console.log(`written to ${path.relative(ROOT, file)}`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
