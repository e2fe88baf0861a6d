import { beforeAll, describe, expect, it } from 'vitest';
import { createAction, deleteAction } from '@/lib/actions/action-service';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { validateBody } from '@/lib/http/request-body';
import { addMembership, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { testDb } from '@/lib/test/database-per-file';
import { createAutomationBody, type AutomationInput } from './automation-schemas';
import { createAutomation, deleteAutomation, getAutomation, listAutomations, updateAutomation } from './automation-service';

// Automations against the real database: the checks of the event, blueprint, condition (query
// tree or "changed"), action and inputs, with the paths of their faults; If-Match and audit; an
// action in use cannot be deleted (409 in_use naming the automations); another team's
// automations are 404.

const db = () => testDb();
const SCHEMA = { type: 'object', properties: { status: { type: 'string' }, tier: { type: 'integer' } } };

let admin: TeamContext;
let viewer: TeamContext;
let other: TeamContext;

const action = (identifier: string) => ({
  identifier,
  title: 'Notify',
  blueprint: 'service',
  trigger: 'day-2' as const,
  user_inputs: { type: 'object', properties: {} },
  steps: [{ type: 'approval' }],
});

beforeAll(async () => {
  const { team, owner } = await createTeam(db());
  admin = await teamContextOf(owner, team.slug);
  viewer = await teamContextOf(await addMembership(db(), team.id, 'viewer'), team.slug);
  const second = await createTeam(db());
  other = await teamContextOf(second.owner, second.team.slug);
  for (const c of [admin, other]) {
    await createBlueprint(db(), c, { id: 'service', title: 'Service', schema: SCHEMA });
    await createAction(db(), c, action('notify'));
  }
});

let n = 0;
const body = (over: Partial<AutomationInput> = {}): AutomationInput =>
  validateBody(createAutomationBody, {
    identifier: `auto${++n}`,
    title: 'On change',
    on: { event: 'entity.updated', blueprint: 'service', condition: { changed: ['status'] } },
    action: 'notify',
    inputs: { tier: '{{ after.data.tier }}' },
    ...over,
  });

describe('validation', () => {
  it('names the place of each fault', async () => {
    const cases: Array<[Partial<AutomationInput>, string]> = [
      [{ on: { event: 'scorecard.level_changed', blueprint: 'service', condition: { changed: ['status'] } } }, '/on/condition/changed'],
      [{ on: { event: 'entity.created', blueprint: 'nope' } }, '/on/blueprint'],
      [{ on: { event: 'entity.created', condition: { rules: [] } } }, '/on/condition'],
      [{ on: { event: 'entity.created', blueprint: 'service', condition: { changed: ['status'] } } }, '/on/condition/changed'],
      [{ on: { event: 'entity.updated', blueprint: 'service', condition: { changed: ['status', 'nope'] } } }, '/on/condition/changed/1'],
      [{ action: 'missing' }, '/action'],
      [{ inputs: { name: '{{ $$( }}' } }, '/inputs/name'],
    ];
    for (const [over, path] of cases) {
      const error = await expectAppError(createAutomation(db(), admin, body(over)));
      expect(error.code, path).toBe('validation_failed');
      expect((error.details as Array<{ path: string }>).map((d) => d.path)).toContain(path);
    }
    const query = { combinator: 'and', rules: [{ property: 'tier', operator: 'like', value: 1 }] };
    const bad = await expectAppError(
      createAutomation(db(), admin, body({ on: { event: 'entity.created', blueprint: 'service', condition: query } })),
    );
    expect([bad.code, (bad.details as { path: string }).path]).toEqual(['bad_request', 'on.condition.rules[0].operator']);
    expect(() => body({ on: { event: 'entity.moved' as never } })).toThrow(/not valid/);
  });

  it('accepts a query tree, a "changed" list and a bare template as inputs', async () => {
    const query = { combinator: 'and', rules: [{ property: 'tier', operator: '>=', value: 2 }] };
    const { automation, version } = await createAutomation(
      db(),
      admin,
      body({
        identifier: 'q',
        on: { event: 'entity.created', blueprint: 'service', condition: query },
        inputs: '{{ {"tier": entity.data.tier} }}',
      }),
    );
    expect(version).toBe(1);
    expect(automation).toMatchObject({
      identifier: 'q',
      enabled: true,
      on: { event: 'entity.created', blueprint: 'service', condition: query },
      action: 'notify',
    });
    const level = await createAutomation(
      db(),
      admin,
      body({ identifier: 'l', on: { event: 'scorecard.level_changed', blueprint: 'service' } }),
    );
    expect(level.automation.on).toEqual({ event: 'scorecard.level_changed', blueprint: 'service', condition: null });
    const changed = await createAutomation(db(), admin, body({ identifier: 'c' }));
    expect(changed.automation.on.condition).toEqual({ changed: ['status'] });
  });
});

describe('writes', () => {
  it('If-Match, audit, and another team is 404 everywhere; a viewer reads but cannot write', async () => {
    await createAutomation(db(), admin, body({ identifier: 'ver' }));
    const stale = await expectAppError(
      updateAutomation(db(), admin, 'ver', { replace: false, patch: { enabled: false } }, { ifMatch: [9] }),
    );
    expect((stale.details as { reason: string }).reason).toBe('stale_version');
    const ok = await updateAutomation(db(), admin, 'ver', { replace: false, patch: { enabled: false } }, { ifMatch: [1] });
    expect([ok.version, ok.automation.enabled]).toEqual([2, false]);
    for (const call of [
      () => getAutomation(db(), other, 'ver'),
      () => updateAutomation(db(), other, 'ver', { replace: false, patch: { title: 'x' } }),
      () => deleteAutomation(db(), other, 'ver'),
    ]) {
      expect((await expectAppError(call())).code).toBe('not_found');
    }
    expect((await getAutomation(db(), viewer, 'ver')).automation.title).toBe('On change');
    expect((await expectAppError(deleteAutomation(db(), viewer, 'ver'))).code).toBe('forbidden');
    const page = await listAutomations(db(), admin, { limit: 100, cursor: null });
    expect(page.automations.map((a) => a.identifier)).toContain('ver');
    expect((await listAutomations(db(), other, { limit: 100, cursor: null })).automations).toEqual([]);
    await deleteAutomation(db(), admin, 'ver', { ifMatch: [2] });
    const audit = await db().auditLog.findMany({ where: { teamId: admin.team.id, entityType: 'automation' } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['automation.created', 'automation.updated', 'automation.deleted']));
  });

  it('an action an automation runs cannot be deleted: 409 in_use naming them', async () => {
    await createAction(db(), admin, action('used'));
    await createAutomation(db(), admin, body({ identifier: 'user-a', action: 'used' }));
    const error = await expectAppError(deleteAction(db(), admin, 'used'));
    expect([error.code, error.details]).toEqual(['conflict', { reason: 'in_use', automations: ['user-a'] }]);
    await deleteAutomation(db(), admin, 'user-a');
    await deleteAction(db(), admin, 'used');
  });
});
