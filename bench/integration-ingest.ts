import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { signWebhook } from '@/lib/net/sign-webhook';
import { peakRssMb, ROOT, startBenchServer } from './support/bench-server';
import { createBenchTeam } from './support/bench-team';
import { machineLine, percentile, today } from './support/stats';
import { sampleService } from './support/sample-service';

// Webhook ingestion benchmark (issue 14): raw items through an integration's mappings (one
// JSONata expression per property, 15 per item) via POST /api/v1/ingest/{team}/{integration},
// signed with the integration's secret, in calls of 1000 items, against a production build on its
// own embedded PostgreSQL. Then the same items again: every one unchanged (nothing written).
//   npm run bench:integrations          (100,000 items, 2 concurrent calls)
//   BENCH_ITEMS=20000 BENCH_CONCURRENCY=2 npm run bench:integrations
//   BENCH_AUTH=bearer npm run bench:integrations   (the secret as a bearer token instead of a signature)
// Never part of `npm test`. Results go to bench/results/integration-ingest-<date>.md.

const TOTAL = Number(process.env.BENCH_ITEMS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
// `signed` (X-Baseplate-Signature, as a source sends it) or `bearer` (Authorization: Bearer <secret>).
const AUTH = process.env.BENCH_AUTH === 'bearer' ? 'bearer' : 'signed';
const BATCH = 1000;

/** Item i as a source would send it: not in Baseplate's shape, so the mapping has work to do. */
function rawItem(i: number) {
  const { identifier, title, data } = sampleService(i);
  return { kind: 'service', id: identifier, name: title, attributes: data };
}

type Pass = { seconds: number; latencies: number[]; totals: Record<string, number> };

/**
 * The calls' bodies and headers, made before a pass starts: the client shares the two cores with
 * the server, and a real source builds and signs its calls on its own machine.
 */
function prepareCalls(secret: string): Array<{ body: string; headers: Record<string, string> }> {
  return Array.from({ length: Math.ceil(TOTAL / BATCH) }, (_, b) => {
    const body = JSON.stringify(Array.from({ length: Math.min(BATCH, TOTAL - b * BATCH) }, (_, k) => rawItem(b * BATCH + k)));
    const credential = AUTH === 'bearer' ? { Authorization: `Bearer ${secret}` } : signWebhook(secret, body);
    return { body, headers: { 'Content-Type': 'application/json', ...credential } };
  });
}

async function pass(url: string, secret: string): Promise<Pass> {
  const calls = prepareCalls(secret);
  const latencies: number[] = [];
  const totals: Record<string, number> = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let b = next++; b < calls.length; b = next++) {
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', ...calls[b] });
        const answer = await res.json();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`call ${b}: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
        for (const key of ['created', 'updated', 'unchanged']) totals[key] += answer[key];
        totals.failed += answer.failed.length;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, totals };
}

const row = (label: string, p: Pass, goal: number) => {
  const rate = Math.round(TOTAL / p.seconds);
  return [
    `| ${label}: wall time | ${p.seconds.toFixed(1)} s |`,
    `| ${label}: **throughput** | **${rate.toLocaleString('en')} items/s** (goal: ${goal.toLocaleString('en')}) |`,
    `| ${label}: created / updated / unchanged / failed | ${['created', 'updated', 'unchanged', 'failed'].map((k) => p.totals[k].toLocaleString('en')).join(' / ')} |`,
    `| ${label}: call latency p50 / p95 / max | ${percentile(p.latencies, 50).toFixed(0)} / ${percentile(p.latencies, 95).toFixed(0)} / ${Math.max(...p.latencies).toFixed(0)} ms |`,
  ];
};

async function main() {
  const dataDir = path.join(ROOT, 'bench', '.data', `integrations-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const server = await startBenchServer(dataDir);
  const { base } = server;
  try {
    const auth = await createBenchTeam(base);
    const properties = Object.fromEntries(Object.keys(sampleService(0).data).map((k) => [k, `attributes.${k}`]));
    const made = await fetch(`${base}/api/v1/teams/bench/integrations`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        identifier: 'ci',
        title: 'CI',
        kind: 'webhook',
        mappings: [{ blueprint: 'service', selector: "kind = 'service'", entity: { identifier: 'id', title: 'name', properties } }],
      }),
    });
    const integration = await made.json();
    if (made.status !== 201) throw new Error(`integration: ${made.status} ${JSON.stringify(integration)}`);
    const url = `${base}/api/v1/ingest/bench/ci`;

    // Other work on a shared machine moves these numbers a lot: the load is written with them.
    const loadBefore = loadavg()[0];
    const first = await pass(url, integration.secret);
    const again = await pass(url, integration.secret);
    const peak = peakRssMb(server.pid);
    const report = [
      `# Webhook ingestion through an integration, ${today()}`,
      '',
      'Command: `npm run bench:integrations` ' + `(BENCH_ITEMS=${TOTAL}, BENCH_CONCURRENCY=${CONCURRENCY}, BENCH_AUTH=${AUTH})`,
      '',
      `Machine: ${machineLine()}; the client, the server and the embedded PostgreSQL 17 share it.`,
      '',
      `Each item is mapped by ${Object.keys(properties).length + 3} JSONata expressions (selector, identifier, title, one per property of the 13-property \`service\` schema), validated, and written as the integration; calls of ${BATCH} items, ${AUTH === 'bearer' ? 'with the secret as a bearer token' : 'signed'}, built before each pass.`,
      '',
      '| measure | value |',
      '|---|---|',
      ...row('first pass (all new)', first, 5000),
      ...row('second pass (all unchanged: nothing written)', again, 20000),
      `| server peak RSS (VmHWM) | ${peak.toFixed(0)} MB |`,
      `| load average (1 min) before / after | ${loadBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)} |`,
      '',
    ].join('\n');
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    const file = path.join(ROOT, 'bench', 'results', `integration-ingest-${today()}${AUTH === 'bearer' ? '-bearer' : ''}.md`);
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
