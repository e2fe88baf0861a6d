import { afterEach, describe, expect, it } from 'vitest';
import { resolveActor } from '@/lib/auth/resolve-actor';
import { resolveRunTokenContext } from '@/lib/auth/resolve-run-token';
import { parseOutboundAllowlist } from '@/lib/net/outbound-allowlist';
import { testDb } from '@/lib/test/database-per-file';
import { createBlueprint, expectAppError } from '@/lib/test/fixtures';
import { startTestJobQueue, stopTestJobQueues, waitFor } from '@/lib/test/job-queue';
import { createActionRunJob } from './action-run-job';
import { requestRun } from './ask-run';
import { cancelRun, decideRunApproval, reportRun } from './change-run';
import { getRun, listRuns } from './get-runs';
import { listRunLogs, postRunLog } from './run-logs';
import { runTokenOf } from './run-token';
import { insertAction, logOf, makeRunWorld, startReceiver } from './runs.test-support';
import { streamRunLog } from './stream-run-log';

// Who reaches a run: its team only (another team's run is 404 on every entry point), and a run
// token only its own run, only for the report and the log, only until the run ends.

const LOOPBACK = parseOutboundAllowlist('127.0.0.1/32');
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await stopTestJobQueues();
  for (const close of closers.splice(0)) await close();
});

const tokenContext = (slug: string, runId: string) => resolveRunTokenContext(testDb(), runTokenOf(runId), slug, runId, 'test-request');

describe('runs of another team', () => {
  it('are 404 on every entry point, and absent from the list', async () => {
    const mine = await makeRunWorld();
    const theirs = await makeRunWorld();
    const action = await insertAction(mine.team.id, { identifier: 'deploy', approval: { required: true, allow_self: true }, steps: [] });
    const { run } = await requestRun(testDb(), mine.ctx, action.identifier, { entity: 'svc-a' });
    const ctx = theirs.ctx;
    const calls = [
      () => getRun(testDb(), ctx, run.id),
      () => reportRun(testDb(), ctx, run.id, { summary: 'x' }),
      () => listRunLogs(testDb(), ctx, run.id, { after: 0, limit: 10 }),
      () => postRunLog(testDb(), ctx, run.id, { message: 'x' }),
      () => streamRunLog(testDb(), ctx, run.id, 0, new AbortController().signal),
      () => decideRunApproval(testDb(), ctx, run.id, { decision: 'approve' }),
      () => cancelRun(testDb(), ctx, run.id),
      () => requestRun(testDb(), ctx, 'deploy', { entity: 'svc-a' }),
      () => listRuns(testDb(), ctx, { action: 'deploy', limit: 10, cursor: null }),
    ];
    for (const call of calls) expect((await expectAppError(call())).code).toBe('not_found');
    expect((await listRuns(testDb(), ctx, { limit: 10, cursor: null })).runs).toEqual([]);
    expect((await listRuns(testDb(), mine.ctx, { limit: 10, cursor: null })).runs.map((r) => r.id)).toEqual([run.id]);
    expect((await getRun(testDb(), mine.ctx, run.id)).status).toBe('waiting_approval');
  });
});

describe('a run token', () => {
  it('reports on its own run only, is refused by every other route, and ends with the run', async () => {
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]);
    const { team, ctx } = await makeRunWorld();
    const r = await startReceiver(() => ({ status: 202 }));
    closers.push(r.close);
    const action = await insertAction(team.id, { steps: [{ type: 'webhook', method: 'POST', url: r.url, wait_for_report: true }] });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    const other = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    const waiting = await waitFor(async () => {
      const view = await getRun(testDb(), ctx, run.id);
      return view.report_deadline !== null && view;
    }, 'the run to wait for its report');
    expect([waiting.status, waiting.steps[0].status]).toEqual(['running', 'waiting']);
    const token = JSON.parse(r.received[0].body).run.token as string;
    expect(token).toMatch(/^bprun_[0-9a-f]{48}$/);

    // Not a credential anywhere else (every route resolves its caller through resolveActor).
    const headers = new Headers({ authorization: `Bearer ${token}` });
    expect((await expectAppError(resolveActor(testDb(), headers, async () => null))).code).toBe('unauthenticated');
    // Another run's URL (same team) and another team's slug: 404.
    expect((await expectAppError(resolveRunTokenContext(testDb(), token, team.slug, other.run.id, 't'))).code).toBe('not_found');
    expect((await expectAppError(resolveRunTokenContext(testDb(), token, 'someone-else', run.id, 't'))).code).toBe('not_found');
    const asRun = await tokenContext(team.slug, run.id);
    // The context acts for that run alone, and may only report and log.
    expect((await expectAppError(reportRun(testDb(), asRun, other.run.id, { summary: 'x' }))).code).toBe('not_found');
    expect((await expectAppError(getRun(testDb(), asRun, run.id))).code).toBe('forbidden');
    expect((await expectAppError(cancelRun(testDb(), asRun, other.run.id))).code).toBe('not_found');

    await postRunLog(testDb(), asRun, run.id, { message: 'deploying to staging', level: 'info' });
    const done = await reportRun(testDb(), asRun, run.id, { status: 'succeeded', link: 'https://ci.example/42', summary: 'deployed' });
    expect([done.status, done.link, done.summary, done.steps[0].status]).toEqual([
      'succeeded',
      'https://ci.example/42',
      'deployed',
      'succeeded',
    ]);
    expect(await logOf(team.id, run.id)).toContain('deploying to staging');
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { teamId: team.id, action: 'run.reported', entityId: run.id } });
    expect([audit.actorType, audit.onBehalfType, audit.onBehalfId]).toEqual(['system', 'run', run.id]);

    // The run has ended: the token is void, and the run cannot change.
    expect((await expectAppError(tokenContext(team.slug, run.id))).code).toBe('unauthenticated');
    const late = await expectAppError(reportRun(testDb(), ctx, run.id, { summary: 'again' }));
    expect([late.code, (late.details as { reason: string }).reason]).toEqual(['conflict', 'run_finished']);
    expect((await expectAppError(postRunLog(testDb(), ctx, run.id, { message: 'late' }))).code).toBe('conflict');
  });
});

describe('the log', () => {
  it("filters the list by a blueprint's actions, by an action and by status", async () => {
    const { team, ctx } = await makeRunWorld();
    await createBlueprint(testDb(), team.id, 'db');
    const onService = await insertAction(team.id, { steps: [] });
    await testDb().action.create({
      data: { teamId: team.id, identifier: 'make-db', title: 'Make db', blueprintId: 'db', triggerType: 'create', steps: [] },
    });
    const a = (await requestRun(testDb(), ctx, onService.identifier, { entity: 'svc-a' })).run;
    const b = (await requestRun(testDb(), ctx, 'make-db', {})).run;
    const page = (q: Partial<Parameters<typeof listRuns>[2]>) => listRuns(testDb(), ctx, { limit: 50, cursor: null, ...q });
    expect((await page({ blueprint: 'service' })).runs.map((r) => r.id)).toEqual([a.id]);
    expect((await page({ blueprint: 'db' })).runs.map((r) => r.id)).toEqual([b.id]);
    expect((await page({ action: 'make-db' })).runs.map((r) => r.id)).toEqual([b.id]);
    expect((await page({})).runs.map((r) => r.id)).toEqual([b.id, a.id]);
    expect((await page({ status: 'succeeded' })).runs).toEqual([]);
    expect((await expectAppError(page({ blueprint: 'Not An Id' }))).code).toBe('bad_request');
  });

  it('lists by cursor and streams existing lines, status changes and the end', async () => {
    const { team, ctx } = await makeRunWorld();
    const action = await insertAction(team.id, { approval: { required: true, allow_self: true }, steps: [] });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    for (const n of [1, 2, 3]) await postRunLog(testDb(), ctx, run.id, { message: `line ${n}` });
    const first = await listRunLogs(testDb(), ctx, run.id, { after: 0, limit: 2 });
    expect(first.logs.map((l) => l.message)).toEqual(['line 1', 'line 2']);
    const rest = await listRunLogs(testDb(), ctx, run.id, { after: Number(first.next_cursor), limit: 2 });
    expect([rest.logs.map((l) => l.message), rest.next_cursor]).toEqual([['line 3'], null]);

    const stream = await streamRunLog(testDb(), ctx, run.id, first.logs[0].id, new AbortController().signal);
    const reader = stream.getReader();
    let text = '';
    const read = async () => (text += new TextDecoder().decode((await reader.read()).value));
    await read();
    expect(text).toContain('event: log');
    expect(text).not.toContain('line 1'); // after Last-Event-ID
    expect(text).toContain('"message":"line 2"');
    expect(text).toContain('event: status\ndata: {"status":"waiting_approval"}');
    await cancelRun(testDb(), ctx, run.id);
    while (!text.includes('event: end')) await read();
    expect(text).toContain('"message":"run cancelled"');
    expect((await reader.read()).done).toBe(true);
  });
});
