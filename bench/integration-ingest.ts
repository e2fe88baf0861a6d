import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_BLUEPRINTS } from '@/lib/demo/demo-blueprints';
import { ROOT, startBenchServer } from './support/bench-server';
import { machineLine, today } from './support/stats';
import { sampleService } from './support/sample-service';

// Webhook ingestion benchmark (issue 14): BENCH_ITEMS items (default 100,000) of a CI-like feed
// POSTed to /api/v1/ingest/{team}/{integration} in calls of 1,000 (BENCH_CONCURRENCY in flight,
// default 4), Bearer-authenticated, through one mapping into the demo's `service` blueprint; then
// the same items again as a full sync that changes nothing (each call a delta of unchanged items:
// they must write nothing). Measures items/s end to end for both.
//   npm run bench:ingest-webhook
//   BENCH_ITEMS=20000 npm run bench:ingest-webhook
// Never part of `npm test`. Results go to bench/results/integration-ingest-<date>.md.

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const CALL = 1000;

/** Item i as a CI job would send it: its own field names, mapped by the integration. */
function item(i: number) {
  const { identifier, title, data } = sampleService(i);
  return { name: identifier, display: title, info: data };
}

async function main() {
  const dataDir = path.join(ROOT, 'bench', '.data', `ingest-webhook-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const server = await startBenchServer(dataDir);
  const { base } = server;
  const json = { 'Content-Type': 'application/json' };
  try {
    const reg = await (
      await fetch(`${base}/api/v1/auth/register`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password', name: 'Bench' }),
      })
    ).json();
    const auth = { ...json, Authorization: `Bearer ${reg.token}` };
    await fetch(`${base}/api/v1/teams`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Bench', slug: 'bench' }) });
    const service = DEMO_BLUEPRINTS.find((b) => b.id === 'service')!;
    const bp = await fetch(`${base}/api/v1/teams/bench/blueprints`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: service.id, title: service.title, schema: service.schema }),
    });
    if (bp.status !== 201) throw new Error(`blueprint: ${bp.status} ${await bp.text()}`);
    const created = await fetch(`${base}/api/v1/teams/bench/integrations`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        identifier: 'ci',
        title: 'CI feed',
        kind: 'webhook',
        // One expression per property, as a real mapping would be written.
        mappings: [
          {
            blueprint: 'service',
            entity: {
              identifier: 'name',
              title: 'display',
              properties: Object.fromEntries(Object.keys(sampleService(0).data).map((k) => [k, `info.${k}`])),
            },
          },
        ],
      }),
    });
    const integration = await created.json();
    if (created.status !== 201) throw new Error(`integration: ${created.status} ${JSON.stringify(integration)}`);
    const ingest = { ...json, Authorization: `Bearer ${integration.secret}` };

    const pass = async (label: string, expect: 'created' | 'unchanged') => {
      const started = performance.now();
      let next = 0;
      let count = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let call = next++; call * CALL < ITEMS; call = next++) {
            const items = Array.from({ length: Math.min(CALL, ITEMS - call * CALL) }, (_, k) => item(call * CALL + k));
            const res = await fetch(`${base}/api/v1/ingest/bench/ci`, { method: 'POST', headers: ingest, body: JSON.stringify(items) });
            const body = await res.json();
            if (res.status !== 200 || body.failed.length || body[expect] !== items.length)
              throw new Error(`${label} call ${call}: ${res.status} ${JSON.stringify(body).slice(0, 400)}`);
            count += items.length;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      return { seconds, rate: count / seconds };
    };
    const first = await pass('first', 'created');
    const again = await pass('again', 'unchanged');
    const report = [
      `# Webhook ingestion, ${today()}`,
      '',
      'Command: `npm run bench:ingest-webhook` ' + `(BENCH_ITEMS=${ITEMS}, ${CONCURRENCY} calls of ${CALL} in flight)`,
      '',
      `Machine: ${machineLine()}; the client, the server and the embedded PostgreSQL 17 share it.`,
      '',
      '| measure | value | goal |',
      '|---|---|---|',
      `| new items through POST /api/v1/ingest (mapped, validated, written, audited) | ${ITEMS} in ${first.seconds.toFixed(1)} s = ${first.rate.toFixed(0)} items/s | >= 5,000 items/s |`,
      `| the same items again, unchanged (nothing written) | ${ITEMS} in ${again.seconds.toFixed(1)} s = ${again.rate.toFixed(0)} items/s | >= 20,000 items/s |`,
      '',
    ].join('\n');
    console.log(report);
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', `integration-ingest-${today()}.md`), report);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
