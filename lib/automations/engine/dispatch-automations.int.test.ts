import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { createEntity } from '@/lib/entities/create-entity';
import { patchEntity } from '@/lib/entities/update-entity';
import { testDb } from '@/lib/test/database-per-file';
import { createTeam, teamContextOf } from '@/lib/test/fixtures';
import { finishRun } from '@/lib/runs/finish-run';
import { RUN_SELECT } from '@/lib/runs/run-view';
import { dispatchAutomationBatch } from './dispatch-automations';

// The automations engine against the real outbox: which events start which runs, with what
// inputs, exactly once, and what it records when it cannot start one.

// Run tokens are derived from the instance's secret key (lib/runs/run-token.ts).
process.env.BASEPLATE_SECRET_KEY ??= '11'.repeat(32);

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer' }, lang: { type: 'string' } } };
let ctx: TeamContext;
let actionId: string;

async function addAutomation(fields: { identifier: string; event: string; condition?: object; inputs?: object; enabled?: boolean }) {
  return testDb().automation.create({
    data: {
      teamId: ctx.team.id,
      identifier: fields.identifier,
      title: fields.identifier,
      event: fields.event,
      blueprintId: 'service',
      condition: fields.condition,
      inputs: fields.inputs ?? { note: '{{ entity.identifier }}' },
      enabled: fields.enabled ?? true,
      actionId,
    },
  });
}

/** Dispatches until the engine has read every committed event. */
async function dispatchAll() {
  for (let i = 0; i < 20; i++) {
    const result = await dispatchAutomationBatch(testDb());
    if (result.state === 'idle') return;
  }
  throw new Error('the engine did not catch up');
}

async function runsOf(teamId = ctx.team.id) {
  return testDb().actionRun.findMany({
    where: { teamId },
    orderBy: { createdAt: 'asc' },
    include: { logs: { orderBy: { id: 'asc' } } },
  });
}

beforeEach(async () => {
  await dispatchAll(); // the previous test's events are behind the cursor
  const { team, owner } = await createTeam(testDb());
  ctx = await teamContextOf(owner, team.slug);
  await createBlueprint(testDb(), ctx, { id: 'service', title: 'Service', schema: SCHEMA });
  const action = await testDb().action.create({
    data: {
      teamId: ctx.team.id,
      identifier: 'notify',
      title: 'Notify',
      blueprintId: 'service',
      triggerType: 'day-2',
      userInputs: { type: 'object', properties: { note: { type: 'string', minLength: 1 } }, required: ['note'] },
      steps: [{ type: 'approval' }],
    },
  });
  actionId = action.id;
});

describe('the automations engine', () => {
  it('starts one run per matching event, as the automation, with inputs from the event, once', async () => {
    const automation = await addAutomation({
      identifier: 'on-create',
      event: 'entity.created',
      condition: { combinator: 'and', rules: [{ property: 'tier', operator: '>=', value: 2 }] },
      inputs: { note: "{{ entity.identifier & ' tier ' & $string(after.data.tier) & ' by ' & event.actor.type }}" },
    });
    await createEntity(testDb(), ctx, 'service', { identifier: 'low', data: { tier: 1 } });
    await createEntity(testDb(), ctx, 'service', { identifier: 'high', data: { tier: 3 } });
    await dispatchAll();
    await dispatchAll();
    const runs = await runsOf();
    expect(runs.map((r) => [r.entityIdentifier, r.status, r.inputs, r.automationId, r.depth])).toEqual([
      ['high', 'queued', { note: 'high tier 3 by user' }, automation.id, 0],
    ]);
    expect(runs[0].requestedBy).toEqual({ type: 'automation', id: automation.id, identifier: 'on-create' });
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { teamId: ctx.team.id, action: 'run.requested' } });
    expect([audit.actorType, audit.onBehalfType, audit.onBehalfId]).toEqual(['system', 'automation', automation.id]);
  });

  it('a changed-properties condition fires only when one of them changed', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'api', data: { tier: 1, lang: 'go' } });
    await addAutomation({ identifier: 'on-lang', event: 'entity.updated', condition: { changed: ['lang'] } });
    await patchEntity(testDb(), ctx, 'service', 'api', { data: { tier: 2 } });
    await dispatchAll();
    expect(await runsOf()).toEqual([]);
    await patchEntity(testDb(), ctx, 'service', 'api', { data: { lang: 'rust' } });
    await dispatchAll();
    expect((await runsOf()).map((r) => r.entityIdentifier)).toEqual(['api']);
  });

  it('disabled automations and events from before an automation existed start nothing', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'before', data: {} });
    await addAutomation({ identifier: 'late', event: 'entity.created' });
    await addAutomation({ identifier: 'off', event: 'entity.created', enabled: false, inputs: { note: 'off' } });
    await createEntity(testDb(), ctx, 'service', { identifier: 'after', data: {} });
    await dispatchAll();
    expect((await runsOf()).map((r) => [r.entityIdentifier, r.inputs])).toEqual([['after', { note: 'after' }]]);
  });

  it('inputs that fail the action form record a failed run whose log says why, and the batch goes on', async () => {
    await addAutomation({ identifier: 'empty', event: 'entity.created', inputs: { note: '' } });
    await addAutomation({ identifier: 'good', event: 'entity.created', inputs: { note: 'ok' } });
    await createEntity(testDb(), ctx, 'service', { identifier: 'x', data: {} });
    await dispatchAll();
    const runs = await runsOf();
    const byAutomation = new Map(runs.map((r) => [(r.requestedBy as { identifier: string }).identifier, r]));
    expect(byAutomation.get('good')?.status).toBe('queued');
    const refused = byAutomation.get('empty')!;
    expect(refused.status).toBe('failed');
    expect(refused.finishedAt).not.toBeNull();
    expect(refused.logs.map((l) => l.message).join('\n')).toMatch(/not started: .*\/inputs\/note/);
  });

  it('the loop guard: a change made by a run at the depth limit records a refused run; one deeper starts nothing', async () => {
    await addAutomation({ identifier: 'loop', event: 'entity.updated' });
    await createEntity(testDb(), ctx, 'service', { identifier: 'svc', data: { tier: 1 } });
    const parent = await testDb().actionRun.create({
      data: { teamId: ctx.team.id, actionId, status: 'running', depth: 3, entityIdentifier: 'svc', blueprintId: 'service' },
    });
    await patchEntity(testDb(), { ...ctx, requestId: `run:${parent.id}` }, 'service', 'svc', { data: { tier: 2 } });
    await dispatchAll();
    const [, refused] = await runsOf();
    expect([refused.status, refused.depth]).toEqual(['failed', 4]);
    expect(refused.logs[0].message).toMatch(/automation chain 3 deep/);

    await testDb().actionRun.update({ where: { teamId_id: { teamId: ctx.team.id, id: parent.id } }, data: { depth: 5 } });
    await patchEntity(testDb(), { ...ctx, requestId: `run:${parent.id}` }, 'service', 'svc', { data: { tier: 3 } });
    await dispatchAll();
    expect(await runsOf()).toHaveLength(2);
  });

  it('a finished run starts a run.finished automation one level deeper, with the run in the event', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'svc', data: {} });
    const automation = await addAutomation({
      identifier: 'after-run',
      event: 'run.finished',
      inputs: { note: "{{ event.detail.action & ' ' & event.detail.status & ' on ' & event.entity.identifier }}" },
    });
    const first = await testDb().actionRun.create({
      data: {
        teamId: ctx.team.id,
        actionId,
        status: 'running',
        entityId: (await testDb().entity.findFirstOrThrow({ where: { teamId: ctx.team.id, identifier: 'svc' } })).id,
        entityIdentifier: 'svc',
        blueprintId: 'service',
        actionSnapshot: { identifier: 'notify', title: 'Notify', trigger: 'day-2', blueprint: 'service', steps: [], approval: null },
      },
      select: RUN_SELECT,
    });
    await finishRun(testDb(), first, { status: 'succeeded', message: 'done' });
    await dispatchAll();
    const next = (await runsOf()).find((r) => r.id !== first.id)!;
    expect([next.inputs, next.automationId, next.depth, next.entityIdentifier]).toEqual([
      { note: 'notify succeeded on svc' },
      automation.id,
      1,
      'svc',
    ]);
  });

  it("another team's events never start this team's automations", async () => {
    await addAutomation({ identifier: 'mine', event: 'entity.created' });
    const other = await createTeam(testDb());
    const otherCtx = await teamContextOf(other.owner, other.team.slug);
    await createBlueprint(testDb(), otherCtx, { id: 'service', title: 'Service', schema: SCHEMA });
    await createEntity(testDb(), otherCtx, 'service', { identifier: 'theirs', data: {} });
    await dispatchAll();
    expect(await runsOf()).toEqual([]);
    expect(await runsOf(other.team.id)).toEqual([]);
  });
});
