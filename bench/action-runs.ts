import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT, startBenchServer } from './support/bench-server';
import { createBenchTeam } from './support/bench-team';
import { machineLine, percentile, today } from './support/stats';
import { sampleService as entity } from './support/sample-service';

// Action runs benchmark (issue 13): 1,000 runs of a one-webhook-step action are queued at once
// (asked through the API while the job worker process is paused with SIGSTOP, so that none starts
// before all are queued), then the worker is resumed and drains them against a local receiver
// (allowed through BASEPLATE_OUTBOUND_ALLOW, every signature checked). Measures the drain rate
// and the p95 of single-entity catalog writes before and while the runs drain.
//   npm run bench:runs                     (1,000 runs)
//   BENCH_RUNS=5000 npm run bench:runs
// Never part of `npm test`. Results go to bench/results/action-runs-<date>.md.

const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const ASK_CONCURRENCY = 16;
const WRITES = 300;

type Receiver = { url: string; received: () => number; badSignatures: () => number; close: () => void };

async function startReceiver(secret: () => string): Promise<Receiver> {
  let received = 0;
  let bad = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-baseplate-timestamp'] ?? '');
      const expected = 'v1=' + createHmac('sha256', secret()).update(`${ts}.${raw}`).digest('hex');
      if (req.headers['x-baseplate-signature'] !== expected) bad++;
      received++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received: () => received, badSignatures: () => bad, close: () => server.close() };
}

/** The job worker process of the Baseplate server `serverPid` (lib/cli/job-worker.ts, its child). */
function jobWorkerPid(serverPid: number): number {
  const children = readFileSync(`/proc/${serverPid}/task/${serverPid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const worker = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('job-worker'));
  if (!worker) throw new Error(`no job worker process under ${serverPid}`);
  return worker;
}

async function timedWrites(base: string, auth: Record<string, string>, label: string, stopWhen?: () => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WRITES && !stopWhen?.(); i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/teams/bench/blueprints/service/entities/svc-${i % 100}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ data: { description: `${label} ${i}` } }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`write ${label} ${i}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times;
}

async function main() {
  let signingSecret = '';
  const receiver = await startReceiver(() => signingSecret);
  process.env.BASEPLATE_OUTBOUND_ALLOW = '127.0.0.1';
  const dataDir = path.join(ROOT, 'bench', '.data', `runs-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const server = await startBenchServer(dataDir);
  const { base } = server;
  try {
    const auth = await createBenchTeam(base);
    const bulk = await fetch(`${base}/api/v1/teams/bench/blueprints/service/entities/bulk`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ entities: Array.from({ length: 100 }, (_, i) => entity(i)) }),
    });
    if (bulk.status !== 200) throw new Error(`bulk: ${bulk.status} ${await bulk.text()}`);
    const created = await fetch(`${base}/api/v1/teams/bench/actions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        identifier: 'notify',
        title: 'Notify',
        blueprint: 'service',
        trigger: 'day-2',
        user_inputs: { type: 'object', properties: { note: { type: 'string' } } },
        steps: [{ type: 'webhook', method: 'POST', url: receiver.url, timeout_ms: 5000, retries: 2 }],
      }),
    });
    const action = await created.json();
    if (created.status !== 201) throw new Error(`action: ${created.status} ${JSON.stringify(action)}`);
    signingSecret = action.signing_secret;

    const before = await timedWrites(base, auth, 'before');

    // Ask every run with the job worker paused (ASK_CONCURRENCY requests in flight), so all are
    // queued at once; then resume it and write while they drain.
    const worker = jobWorkerPid(server.pid);
    process.kill(worker, 'SIGSTOP');
    const asked = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: ASK_CONCURRENCY }, async () => {
        for (let i = next++; i < RUNS; i = next++) {
          const res = await fetch(`${base}/api/v1/teams/bench/actions/notify/runs`, {
            method: 'POST',
            headers: auth,
            body: JSON.stringify({ entity: `svc-${i % 100}`, inputs: { note: `run ${i}` } }),
          });
          await res.arrayBuffer();
          if (res.status !== 202) throw new Error(`run ${i}: ${res.status}`);
        }
      }),
    );
    const askSeconds = (performance.now() - asked) / 1000;
    const countRuns = async (status: string) => {
      const res = await fetch(`${base}/api/v1/teams/bench/runs?status=${status}&limit=1000`, { headers: auth });
      return ((await res.json()) as { runs: object[] }).runs.length;
    };
    // Counted while the worker is still paused: nothing moves between the two counts.
    const openAtAskEnd = (await countRuns('queued')) + (await countRuns('running'));
    process.kill(worker, 'SIGCONT');
    const askedAll = performance.now();
    let drained = 0;
    let duringError: unknown = null;
    const during = timedWrites(base, auth, 'during', () => drained > 0).catch((error: unknown) => {
      duringError = error;
      return [] as number[];
    });
    const listRuns = async (status: string, limit: number) => {
      const res = await fetch(`${base}/api/v1/teams/bench/runs?status=${status}&limit=${limit}`, { headers: auth });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`GET runs: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body.runs as object[];
    };
    // Cheap checks while they drain (the receiver's count, one row per status), so that the
    // bench's own polling does not load the server it measures; the full count once at the end.
    for (;;) {
      const failed = await listRuns('failed', 1);
      if (failed.length) throw new Error(`a run failed: ${JSON.stringify(failed[0]).slice(0, 500)}`);
      if (receiver.received() >= RUNS && (await listRuns('queued', 1)).length + (await listRuns('running', 1)).length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    drained = (performance.now() - asked) / 1000;
    const drainSeconds = (performance.now() - askedAll) / 1000;
    const duringTimes = await during;
    if (duringError) throw duringError;
    const succeeded = await listRuns('succeeded', 1000);
    if (succeeded.length < Math.min(RUNS, 1000)) throw new Error(`only ${succeeded.length} runs succeeded`);
    const rate = RUNS / drained;
    const p95Before = percentile(before, 95);
    const p95During = percentile(duringTimes, 95);
    const report = [
      `# Action runs drained through the job queue, ${today()}`,
      '',
      'Command: `npm run bench:runs` ' + `(BENCH_RUNS=${RUNS})`,
      '',
      `Machine: ${machineLine()}; the client, the receiver, the server and the embedded PostgreSQL 17 share it.`,
      '',
      '| measure | value | goal |',
      '|---|---|---|',
      `| runs asked (POST .../runs, ${ASK_CONCURRENCY} in flight) | ${RUNS} in ${askSeconds.toFixed(1)} s | |`,
      `| throughput, first ask to last run succeeded | ${rate.toFixed(0)} runs/s (${drained.toFixed(1)} s) | |`,
      `| drain: runs still queued or running once all were asked, until none is | ${openAtAskEnd} in ${drainSeconds.toFixed(1)} s = ${(openAtAskEnd / drainSeconds).toFixed(0)} runs/s | >= 100 runs/s |`,
      `| webhook requests received / bad signatures | ${receiver.received()} / ${receiver.badSignatures()} | ${RUNS} / 0 |`,
      `| catalog write (PATCH one entity) p95 before | ${p95Before.toFixed(1)} ms (${before.length} writes) | |`,
      `| catalog write p95 while the runs drain | ${p95During.toFixed(1)} ms (${duringTimes.length} writes) | < +10% |`,
      `| change | ${(((p95During - p95Before) / p95Before) * 100).toFixed(0)}% | |`,
      '',
    ].join('\n');
    console.log(report);
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', `action-runs-${today()}.md`), report);
  } finally {
    receiver.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
