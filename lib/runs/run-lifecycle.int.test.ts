import { afterEach, describe, expect, it } from 'vitest';
import { parseOutboundAllowlist } from '@/lib/net/outbound-allowlist';
import { testDb } from '@/lib/test/database-per-file';
import { addMembership, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { startTestJobQueue, stopTestJobQueues, waitFor } from '@/lib/test/job-queue';
import { createActionRunJob } from './action-run-job';
import { requestRun } from './ask-run';
import { cancelRun, decideRunApproval } from './change-run';
import { executeRun } from './execute-run';
import { getRun } from './get-runs';
import { insertAction, logOf, makeRunWorld, startReceiver } from './runs.test-support';

// Asking, approving, cancelling and resuming runs; the entity steps and their audit; idempotency.

const LOOPBACK = parseOutboundAllowlist('127.0.0.1/32');
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await stopTestJobQueues();
  for (const close of closers.splice(0)) await close();
});

async function okReceiver() {
  const r = await startReceiver(() => ({ status: 200, body: 'ok' }));
  closers.push(r.close);
  return r;
}

const statusOf = async (teamId: string, id: string) =>
  (await testDb().actionRun.findUniqueOrThrow({ where: { teamId_id: { teamId, id } } })).status;
const runIs = (teamId: string, id: string, status: string) =>
  waitFor(async () => (await statusOf(teamId, id)) === status, `run ${status}`, 30_000);

describe('asking for a run', () => {
  it('checks inputs (422 with paths), the entity (404), the condition (condition_not_met) and a disabled action (409)', async () => {
    const { team, ctx } = await makeRunWorld();
    const userInputs = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, n: { type: 'integer' } } };
    const action = await insertAction(team.id, {
      steps: [],
      userInputs,
      condition: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'silver' }] },
    });
    const bad = await expectAppError(requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a', inputs: { n: 'x' } }));
    expect(bad.code).toBe('validation_failed');
    expect(bad.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/inputs/name' }), expect.objectContaining({ path: '/inputs/n' })]),
    );
    const missing = await expectAppError(requestRun(testDb(), ctx, action.identifier, { entity: 'nope', inputs: { name: 'a' } }));
    expect(missing.code).toBe('not_found');
    const unmet = await expectAppError(requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a', inputs: { name: 'a' } }));
    expect([unmet.code, (unmet.details as { reason: string }).reason]).toEqual(['validation_failed', 'condition_not_met']);
    const gold = await insertAction(team.id, {
      steps: [],
      condition: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'gold' }] },
    });
    expect((await requestRun(testDb(), ctx, gold.identifier, { entity: 'svc-a' })).run.status).toBe('queued');
    const off = await insertAction(team.id, { steps: [], enabled: false });
    expect((await expectAppError(requestRun(testDb(), ctx, off.identifier, { entity: 'svc-a' }))).code).toBe('conflict');
    const audit = await testDb().auditLog.findMany({ where: { teamId: team.id, action: 'run.requested' } });
    expect(audit).toHaveLength(1); // refused requests leave nothing
  });

  it('inputs that name entities (format "entity") must name existing entities of their blueprint', async () => {
    const { team, ctx } = await makeRunWorld();
    const userInputs = {
      type: 'object',
      properties: {
        target: { type: 'string', format: 'entity', blueprint: 'service' },
        also: { type: 'array', items: { type: 'string', format: 'entity', blueprint: 'service' } },
      },
    };
    const action = await insertAction(team.id, { trigger: 'create', steps: [], userInputs });
    const ask = (inputs: object) => requestRun(testDb(), ctx, action.identifier, { inputs });
    expect((await ask({ target: 'svc-a', also: ['svc-a'] })).run.status).toBe('queued');
    const bad = await expectAppError(ask({ target: 'ghost', also: ['svc-a', 'nobody'] }));
    expect(bad.code).toBe('validation_failed');
    expect(bad.details).toEqual(
      expect.arrayContaining([
        { path: '/inputs/target', message: 'no service entity "ghost"' },
        { path: '/inputs/also', message: 'no service entity "nobody"' },
      ]),
    );
    expect(bad.details).toHaveLength(2);
  });

  it('is one run for one idempotency key, also when asked twice at once', async () => {
    const { team, ctx } = await makeRunWorld();
    const action = await insertAction(team.id, { steps: [] });
    const ask = () => requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a', idempotency_key: 'deploy-42' });
    const [a, b] = await Promise.all([ask(), ask()]);
    const c = await ask();
    expect(new Set([a.run.id, b.run.id, c.run.id]).size).toBe(1);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(c.created).toBe(false);
    expect(await testDb().actionRun.count({ where: { teamId: team.id } })).toBe(1);
  });
});

describe('the runner', () => {
  it('upserts an entity from the inputs; its audit row names the run', async () => {
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]);
    const { team, ctx } = await makeRunWorld();
    const action = await insertAction(team.id, {
      trigger: 'create',
      userInputs: { type: 'object', properties: { name: { type: 'string' }, n: { type: 'integer' } } },
      steps: [
        {
          type: 'upsert-entity',
          blueprint: 'service',
          identifier: '{{ inputs.name }}',
          title: 'Made by {{ actor.type }}',
          data: { n: '{{ inputs.n }}' },
        },
      ],
    });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { inputs: { name: 'svc-new', n: 7 } });
    await runIs(team.id, run.id, 'succeeded');
    const entity = await testDb().entity.findFirstOrThrow({ where: { teamId: team.id, identifier: 'svc-new' } });
    expect([entity.title, entity.data]).toEqual(['Made by user', { n: 7 }]);
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { teamId: team.id, action: 'entity.created', entityId: entity.id } });
    expect([audit.actorType, audit.onBehalfType, audit.onBehalfId, audit.requestId]).toEqual(['system', 'run', run.id, `run:${run.id}`]);
    const event = await testDb().catalogEvent.findFirstOrThrow({ where: { teamId: team.id, kind: 'entity.created', entityId: entity.id } });
    expect([event.actorType, event.actorId]).toEqual(['run', run.id]);
  });

  it("fails a run with the entity service's message", async () => {
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]);
    const { team, ctx } = await makeRunWorld();
    const action = await insertAction(team.id, {
      steps: [{ type: 'upsert-entity', blueprint: 'service', identifier: 'svc-a', data: { n: 'not a number' } }],
    });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    await runIs(team.id, run.id, 'failed');
    expect((await getRun(testDb(), ctx, run.id)).error).toContain('/data/n');
  });

  it('resumes a run whose job was lost after step 1 at step 2, through the sweep, and never runs a step twice', async () => {
    const { team, ctx } = await makeRunWorld();
    const r = await okReceiver();
    const action = await insertAction(team.id, {
      steps: [
        { type: 'webhook', method: 'POST', url: `${r.url}/one` },
        { type: 'webhook', method: 'POST', url: `${r.url}/two` },
      ],
    });
    // No queue runs: the run is recorded, its job never arrives; then it is found "running, step 1 done".
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    const steps = (await testDb().actionRun.findUniqueOrThrow({ where: { teamId_id: { teamId: team.id, id: run.id } } }))
      .stepResults as object[];
    await testDb().actionRun.update({
      where: { teamId_id: { teamId: team.id, id: run.id } },
      data: { status: 'running', stepIndex: 1, stepResults: [{ ...steps[0], status: 'succeeded', attempts: 1 }, steps[1]] },
    });
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]); // its sweep runs at start
    await runIs(team.id, run.id, 'succeeded');
    expect(r.received.map((q) => q.url)).toEqual(['/two']);

    // Two workers on one fresh run at once: each step is claimed by one of them.
    const again = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    await Promise.all([
      executeRun(team.id, again.run.id, { allowlist: LOOPBACK }),
      executeRun(team.id, again.run.id, { allowlist: LOOPBACK }),
    ]);
    await runIs(team.id, again.run.id, 'succeeded');
    expect(r.received.map((q) => q.url)).toEqual(['/two', '/one', '/two']);
  });
});

describe('the sweep', () => {
  it('fails a run whose report deadline passed', async () => {
    const { team, ctx } = await makeRunWorld();
    const action = await insertAction(team.id, {
      steps: [{ type: 'webhook', method: 'POST', url: 'http://127.0.0.1:9/', wait_for_report: true }],
    });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    const where = { teamId_id: { teamId: team.id, id: run.id } };
    await testDb().actionRun.update({ where, data: { status: 'running', reportDeadline: new Date(Date.now() + 60_000) } });
    await createActionRunJob().sweep!();
    expect(await statusOf(team.id, run.id)).toBe('running'); // not yet
    await testDb().actionRun.update({ where, data: { reportDeadline: new Date(Date.now() - 1000) } });
    await createActionRunJob().sweep!();
    expect(await statusOf(team.id, run.id)).toBe('failed');
    expect((await getRun(testDb(), ctx, run.id)).error).toBe('no report before the deadline');
  });
});

describe('approvals and cancels', () => {
  it('the requester cannot approve; another approver can; the run then runs', async () => {
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]);
    const { team, ctx } = await makeRunWorld();
    const r = await okReceiver();
    const action = await insertAction(team.id, {
      approval: { required: true, allow_self: false },
      steps: [{ type: 'webhook', method: 'POST', url: r.url }],
    });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    expect(run.status).toBe('waiting_approval');
    const self = await expectAppError(decideRunApproval(testDb(), ctx, run.id, { decision: 'approve' }));
    expect([self.code, (self.details as { reason: string }).reason]).toEqual(['forbidden', 'self_approval']);
    const approver = await teamContextOf(await addMembership(testDb(), team.id, 'admin'), team.slug);
    const approved = await decideRunApproval(testDb(), approver, run.id, { decision: 'approve', comment: 'go' });
    expect(approved.approval).toMatchObject({ decision: 'approve', comment: 'go', by: { type: 'user' } });
    await runIs(team.id, run.id, 'succeeded');
    expect(r.received).toHaveLength(1);
    expect((await expectAppError(decideRunApproval(testDb(), approver, run.id, { decision: 'approve' }))).code).toBe('conflict');
    expect(await testDb().auditLog.count({ where: { teamId: team.id, action: 'run.approved', entityId: run.id } })).toBe(1);
  });

  it('an approval step waits; a rejection ends the run cancelled; cancel takes only queued or waiting runs', async () => {
    await startTestJobQueue([createActionRunJob({ allowlist: LOOPBACK, retryBaseSeconds: 1 })]);
    const { team, ctx } = await makeRunWorld();
    const r = await okReceiver();
    const action = await insertAction(team.id, { steps: [{ type: 'approval' }, { type: 'webhook', method: 'POST', url: r.url }] });
    const { run } = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    await runIs(team.id, run.id, 'waiting_approval');
    const approver = await teamContextOf(await addMembership(testDb(), team.id, 'admin'), team.slug);
    const rejected = await decideRunApproval(testDb(), approver, run.id, { decision: 'reject', comment: 'not today' });
    expect([rejected.status, rejected.steps[0].status, rejected.steps[1].status]).toEqual(['cancelled', 'cancelled', 'pending']);
    expect(r.received).toHaveLength(0);
    expect(await logOf(team.id, run.id)).toContain('rejected: not today');

    const second = await requestRun(testDb(), ctx, action.identifier, { entity: 'svc-a' });
    await runIs(team.id, second.run.id, 'waiting_approval');
    expect((await cancelRun(testDb(), ctx, second.run.id)).status).toBe('cancelled');
    const late = await expectAppError(cancelRun(testDb(), ctx, second.run.id));
    expect([late.code, (late.details as { reason: string }).reason]).toEqual(['conflict', 'run_not_cancellable']);
  });
});
