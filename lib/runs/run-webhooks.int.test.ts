import { afterEach, describe, expect, it } from 'vitest';
import { parseOutboundAllowlist, EMPTY_ALLOWLIST } from '@/lib/net/outbound-allowlist';
import { verifyWebhookSignature } from '@/lib/net/sign-webhook';
import { testDb } from '@/lib/test/database-per-file';
import { startTestJobQueue, stopTestJobQueues, waitFor } from '@/lib/test/job-queue';
import { createActionRunJob } from './action-run-job';
import { requestRun } from './ask-run';
import { runTokenOf } from './run-token';
import { insertAction, logOf, makeRunWorld, startReceiver } from './runs.test-support';

// The webhook step against a real receiver on loopback, run by the real job queue: signature,
// retries with backoff on 5xx, a receiver that never answers, and the SSRF guard (loopback refused
// without the allowlist; a redirect to a private address refused at its hop).

const LOOPBACK = parseOutboundAllowlist('127.0.0.1/32');
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await stopTestJobQueues();
  for (const close of closers.splice(0)) await close();
});

async function receiver(answer: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(answer);
  closers.push(r.close);
  return r;
}

const finalRun = (teamId: string, id: string) =>
  waitFor(
    async () => {
      const run = await testDb().actionRun.findUniqueOrThrow({ where: { teamId_id: { teamId, id } } });
      return ['succeeded', 'failed', 'cancelled'].includes(run.status) && run;
    },
    `run ${id} to finish`,
    30_000,
  );

describe('a webhook step', () => {
  it('is signed, carries the run and its token, and succeeds after two 500s (three attempts in the log)', async () => {
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]);
    const { team, ctx } = await makeRunWorld();
    const r = await receiver((_req, i) => (i < 2 ? { status: 500, body: 'not yet' } : { status: 200, body: 'ok' }));
    const action = await insertAction(team.id, {
      steps: [{ type: 'webhook', method: 'POST', url: `${r.url}/hook/{{ run.entity }}`, retries: 3, timeout_ms: 5000 }],
    });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a', inputs: {} });
    const done = await finalRun(team.id, run.id);
    expect(done.status).toBe('succeeded');
    expect(r.received).toHaveLength(3);
    expect(r.received[0].url).toBe('/hook/svc-a');
    for (const request of r.received) {
      expect(verifyWebhookSignature(action.secret, request.headers as Record<string, string>, request.body)).toEqual({ valid: true });
    }
    const body = JSON.parse(r.received[2].body);
    expect(body.run).toMatchObject({ id: run.id, token: runTokenOf(run.id), action: action.identifier, entity: 'svc-a' });
    expect(body.entity).toMatchObject({ identifier: 'svc-a', data: { n: 1, tier: 'gold' } });
    expect(body.actor).toMatchObject({ type: 'user' });
    const log = await logOf(team.id, run.id);
    expect(log.filter((l) => /^attempt \d of 4/.test(l))).toEqual([
      expect.stringContaining('attempt 1 of 4: POST http://127.0.0.1'),
      expect.stringContaining('attempt 2 of 4'),
      expect.stringContaining('attempt 3 of 4: POST http://127.0.0.1:'),
    ]);
    expect(log.join('\n')).toContain('answered 500: not yet');
    expect(log.join('\n')).not.toContain(action.secret);
    expect((done.stepResults as Array<{ attempts: number; output: unknown }>)[0]).toMatchObject({
      attempts: 3,
      output: { status: 200, body: 'ok' },
    });
    // The finished run's token is void, and automations see the end.
    expect(done.tokenHash).toBeNull();
    expect(await testDb().catalogEvent.count({ where: { teamId: team.id, kind: 'run.finished', runId: run.id } })).toBe(1);
  });

  it('fails when the receiver never answers: the timeout, then the failure, in the log', async () => {
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]);
    const { team, ctx } = await makeRunWorld();
    const r = await receiver(() => 'hang');
    const action = await insertAction(team.id, { steps: [{ type: 'webhook', method: 'POST', url: r.url, retries: 0, timeout_ms: 300 }] });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    const done = await finalRun(team.id, run.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/timeout/);
    const log = (await logOf(team.id, run.id)).join('\n');
    expect(log).toContain('attempt 1 of 1: POST http://127.0.0.1');
    expect(log).toContain('no complete answer within 300 ms');
    expect(log).toMatch(/run failed at step 1 \(webhook\)/);
  });

  it('is refused without the allowlist (never retried, nothing sent), and so is a redirect to a private address', async () => {
    const r = await receiver((req) =>
      req.url === '/moved' ? { status: 302, headers: { location: 'http://10.0.0.7/admin' } } : { status: 200 },
    );
    const { team, ctx } = await makeRunWorld();
    const plain = await insertAction(team.id, { steps: [{ type: 'webhook', method: 'POST', url: r.url, retries: 5 }] });
    const moved = await insertAction(team.id, { steps: [{ type: 'webhook', method: 'POST', url: `${r.url}/moved`, retries: 5 }] });

    await startTestJobQueue([createActionRunJob({ allowlist: EMPTY_ALLOWLIST, retryBaseSeconds: 1 })]);
    const refused = await requestRun(testDb(), ctx, plain.identifier, { entity: 'svc-a' });
    const refusedRun = await finalRun(team.id, refused.run.id);
    expect(refusedRun.status).toBe('failed');
    expect(r.received).toHaveLength(0);
    const refusedLog = (await logOf(team.id, refused.run.id)).join('\n');
    expect(refusedLog).toContain('refused, not sent (private_address)');
    expect(refusedLog).not.toContain('retrying');
    await stopTestJobQueues();

    // The same URL through the allowlist is sent; its redirect to 10.0.0.7 is refused at hop 1.
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]);
    const redirected = await requestRun(testDb(), ctx, moved.identifier, { entity: 'svc-a' });
    const redirectedRun = await finalRun(team.id, redirected.run.id);
    expect(redirectedRun.status).toBe('failed');
    expect(r.received.map((q) => q.url)).toEqual(['/moved']);
    expect((await logOf(team.id, redirected.run.id)).join('\n')).toMatch(
      /refused, not sent \(private_address\): redirect 1 to http:\/\/10\.0\.0\.7/,
    );
  });
});
