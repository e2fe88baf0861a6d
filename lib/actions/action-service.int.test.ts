import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { createEntity } from '@/lib/entities/create-entity';
import { validateBody } from '@/lib/http/request-body';
import { addMembership, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { testDb } from '@/lib/test/database-per-file';
import { lockTeamQuotaSql, quotaLockRow } from '@/lib/db/lock-team-quota.sql';
import { runSql } from '@/lib/db/run-sql';
import { ACTION_LIMITS } from './action-limits';
import { createActionBody, type ActionInput } from './action-schemas';
import { createAction, deleteAction, getAction, listActions, rotateActionSecret, updateAction } from './action-service';
import type { StoredStep } from './action-types';
import { listActionsOffered } from './list-actions-offered';
import { loadActionForRun, openSigningSecret } from './load-action';
import { openHeaderSecret } from './seal-action-headers';

// Actions against the real database: the save-time checks and the paths of their faults, the
// signing secret (sealed at rest, answered once, rotated), secret header values (sealed, masked,
// kept), If-Match, the audit rows (never a secret), the actions offered on an entity, and the
// 404s of another team's actions.

const db = () => testDb();
const SCHEMA = { type: 'object', properties: { status: { type: 'string', enum: ['active', 'retired'] }, tier: { type: 'integer' } } };

let admin: TeamContext;
let viewer: TeamContext;
let other: TeamContext;

beforeAll(async () => {
  const { team, owner } = await createTeam(db());
  admin = await teamContextOf(owner, team.slug);
  viewer = await teamContextOf(await addMembership(db(), team.id, 'viewer'), team.slug);
  const second = await createTeam(db());
  other = await teamContextOf(second.owner, second.team.slug);
  for (const c of [admin, other]) await createBlueprint(db(), c, { id: 'service', title: 'Service', schema: SCHEMA });
  for (const [identifier, status] of [
    ['svc-active', 'active'],
    ['svc-retired', 'retired'],
  ]) {
    await createEntity(db(), admin, 'service', { identifier, data: { status } } as never);
  }
});

let n = 0;
const id = () => `act${++n}`;
const body = (over: Partial<ActionInput> = {}): ActionInput =>
  validateBody(createActionBody, {
    identifier: id(),
    title: 'Deploy',
    blueprint: 'service',
    trigger: 'day-2',
    user_inputs: { type: 'object', properties: { replicas: { type: 'integer', minimum: 1 } } },
    steps: [{ type: 'webhook', method: 'POST', url: 'https://hooks.example.com/deploy', body: { name: '{{ entity.identifier }}' } }],
    ...over,
  });

async function faultsOf(promise: Promise<unknown>) {
  const error = await expectAppError(promise);
  return { code: error.code, details: error.details };
}

describe('secrets', () => {
  it('the signing secret is answered once, sealed at rest, never in a read or an audit row; rotate replaces it', async () => {
    const created = await createAction(db(), admin, body({ identifier: 'signed' }));
    expect(created.signingSecret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(created.version).toBe(1);
    expect(JSON.stringify(created.action)).not.toContain(created.signingSecret);
    const row = await loadActionForRun(db(), admin.team.id, 'signed');
    expect(row.signingSecret).toMatch(/^v1:/);
    expect(row.signingSecret).not.toContain(created.signingSecret.slice(6));
    expect(openSigningSecret(row)).toBe(created.signingSecret);
    const read = await getAction(db(), admin, 'signed');
    expect(JSON.stringify(read)).not.toMatch(/whsec_|signing/);

    const rotated = await rotateActionSecret(db(), admin, 'signed', { ifMatch: [1] });
    expect(rotated.signingSecret).not.toBe(created.signingSecret);
    expect(rotated.version).toBe(2);
    expect(openSigningSecret(await loadActionForRun(db(), admin.team.id, 'signed'))).toBe(rotated.signingSecret);
    const audit = await db().auditLog.findMany({ where: { teamId: admin.team.id, entityId: row.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['action.created', 'action.secret_rotated']);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(created.signingSecret);
    expect(text).not.toContain(rotated.signingSecret);
    expect(text).not.toContain(row.signingSecret!);
  });

  it('secret header values are sealed, answered as {"secret": true}, kept by {"secret": true}, and need a value when new', async () => {
    const steps = [
      {
        type: 'webhook',
        method: 'POST',
        url: 'https://hooks.example.com/x',
        headers: { Authorization: { secret: true, value: 'Bearer s3cr3t-value' }, 'X-Team': 'platform' },
      },
    ];
    const { action } = await createAction(db(), admin, body({ identifier: 'headers', steps }));
    expect(action.steps[0]).toMatchObject({ headers: { Authorization: { secret: true }, 'X-Team': 'platform' } });
    const row = await loadActionForRun(db(), admin.team.id, 'headers');
    const stored = (row.steps as StoredStep[])[0] as Extract<StoredStep, { type: 'webhook' }>;
    const sealed = stored.headers!.Authorization as { sealed: string };
    expect(JSON.stringify(row.steps)).not.toContain('s3cr3t');
    expect(openHeaderSecret(row.id, sealed)).toBe('Bearer s3cr3t-value');

    // A PATCH sends the steps as GET shows them: the secret stays as it was.
    const patched = await updateAction(db(), admin, 'headers', { replace: false, patch: { steps: action.steps, title: 'Renamed' } });
    expect(patched.action.title).toBe('Renamed');
    const after = await loadActionForRun(db(), admin.team.id, 'headers');
    const kept = ((after.steps as StoredStep[])[0] as Extract<StoredStep, { type: 'webhook' }>).headers!.Authorization as {
      sealed: string;
    };
    expect(openHeaderSecret(after.id, kept)).toBe('Bearer s3cr3t-value');

    const fresh = [{ ...steps[0], headers: { 'X-Token': { secret: true } } }];
    expect(await faultsOf(updateAction(db(), admin, 'headers', { replace: false, patch: { steps: fresh } }))).toEqual({
      code: 'validation_failed',
      details: [{ path: '/steps/0/headers/X-Token', message: expect.stringContaining('no secret value') }],
    });
    const audit = JSON.stringify(await db().auditLog.findMany({ where: { teamId: admin.team.id, entityId: row.id } }));
    expect(audit).not.toContain('s3cr3t');
    expect(audit).not.toContain(sealed.sealed);
  });
});

describe('validation', () => {
  it('names the place of each fault', async () => {
    const cases: Array<[Partial<ActionInput>, string, string]> = [
      [{ blueprint: 'nope' }, 'validation_failed', '/blueprint'],
      [{ trigger: 'create', condition: { combinator: 'and', rules: [] } }, 'validation_failed', '/condition'],
      [
        { user_inputs: { type: 'object', properties: { x: { type: 'string', pattern: '(' } } } },
        'validation_failed',
        '/user_inputs/properties/x/pattern',
      ],
      [{ user_inputs: { type: 'array' } }, 'validation_failed', '/user_inputs/type'],
      [
        { user_inputs: { type: 'object', properties: { svc: { type: 'string', format: 'entity' } } } },
        'validation_failed',
        '/user_inputs/properties/svc/blueprint',
      ],
      [
        { user_inputs: { type: 'object', properties: { svc: { type: 'string', format: 'entity', blueprint: 'cluster' } } } },
        'validation_failed',
        '/user_inputs/properties/svc/blueprint',
      ],
      [{ steps: [{ type: 'webhook', method: 'POST', url: 'http://10.0.0.1/hook' }] }, 'validation_failed', '/steps/0/url'],
      [{ steps: [{ type: 'webhook', method: 'POST', url: 'ftp://example.com/' }] }, 'validation_failed', '/steps/0/url'],
      [
        { steps: [{ type: 'webhook', method: 'POST', url: 'https://a.example', headers: { Host: 'x' } }] },
        'validation_failed',
        '/steps/0/headers/Host',
      ],
      [
        { steps: [{ type: 'webhook', method: 'POST', url: 'https://a.example', headers: { 'X-Baseplate-Signature': 'x' } }] },
        'validation_failed',
        '/steps/0/headers/X-Baseplate-Signature',
      ],
      [
        { steps: [{ type: 'webhook', method: 'POST', url: 'https://a.example', body: { name: '{{ $$( }}' } }] },
        'validation_failed',
        '/steps/0/body/name',
      ],
      [
        { steps: [{ type: 'approval' }, { type: 'upsert-entity', blueprint: 'nope', identifier: 'x' }] },
        'validation_failed',
        '/steps/1/blueprint',
      ],
    ];
    for (const [over, code, path] of cases) {
      const fault = await faultsOf(createAction(db(), admin, body(over)));
      expect(fault.code, path).toBe(code);
      expect(
        (fault.details as Array<{ path: string }>).map((d) => d.path),
        JSON.stringify(over),
      ).toContain(path);
    }
    // A query tree is the search's: a 400 naming its place under `condition`.
    const bad = await expectAppError(
      createAction(db(), admin, body({ condition: { combinator: 'and', rules: [{ property: 'status', operator: 'near', value: 'x' }] } })),
    );
    expect([bad.code, (bad.details as { path: string }).path]).toEqual(['bad_request', 'condition.rules[0].operator']);
    const unknown = await expectAppError(
      createAction(db(), admin, body({ condition: { rules: [{ property: 'nope', operator: '=', value: 1 }] } })),
    );
    expect(unknown.code).toBe('bad_request');
  });

  it('the body schema refuses unknown step fields (400) and out-of-bounds settings (422 with the pointer)', async () => {
    const shape = (steps: unknown[]) => () => body({ steps: steps as ActionInput['steps'] });
    expect(shape([{ type: 'webhook', method: 'POST', url: 'https://a.example', surprise: 1 }])).toThrow(/unknown field "surprise"/);
    let error: unknown;
    try {
      shape([{ type: 'webhook', method: 'POST', url: 'https://a.example', timeout_ms: 10_000_000 }])();
    } catch (e) {
      error = e;
    }
    expect((error as { details: Array<{ path: string }> }).details.map((d) => d.path)).toContain('/steps/0/timeout_ms');
    expect(shape([])).toThrow(/not valid/);
  });

  it('a duplicate identifier is 409 already_exists; an entity input naming an existing blueprint is accepted', async () => {
    await createAction(db(), admin, body({ identifier: 'dup' }));
    expect((await expectAppError(createAction(db(), admin, body({ identifier: 'dup' })))).details).toMatchObject({
      reason: 'already_exists',
    });
    const inputs = { type: 'object', properties: { svc: { type: 'string', format: 'entity', blueprint: 'service' } } };
    const { action } = await createAction(db(), admin, body({ user_inputs: inputs, approval: { required: true } }));
    expect(action.user_inputs).toEqual(inputs);
    expect(action.approval).toEqual({ required: true, allow_self: false });
  });
});

describe('writes and reads', () => {
  it('If-Match: a stale version is 409 stale_version and changes nothing; PUT cannot rename', async () => {
    await createAction(db(), admin, body({ identifier: 'versioned' }));
    const stale = await expectAppError(updateAction(db(), admin, 'versioned', { replace: false, patch: { title: 'X' } }, { ifMatch: [7] }));
    expect([stale.code, (stale.details as { reason: string }).reason]).toEqual(['conflict', 'stale_version']);
    expect((await getAction(db(), admin, 'versioned')).action.title).toBe('Deploy');
    const ok = await updateAction(db(), admin, 'versioned', { replace: false, patch: { enabled: false } }, { ifMatch: [1] });
    expect([ok.version, ok.action.enabled]).toEqual([2, false]);
    const renamed = await expectAppError(updateAction(db(), admin, 'versioned', { replace: false, patch: { identifier: 'other' } }));
    expect((renamed.details as Array<{ path: string }>)[0].path).toBe('/identifier');
    // A run still to finish holds its action; a finished one goes with it.
    const { id: actionId } = await loadActionForRun(db(), admin.team.id, 'versioned');
    const run = await db().actionRun.create({ data: { teamId: admin.team.id, actionId, status: 'running' } });
    const busy = await expectAppError(deleteAction(db(), admin, 'versioned'));
    expect([busy.code, busy.details]).toEqual(['conflict', { reason: 'runs_open', runs: 1 }]);
    await db().actionRun.update({ where: { teamId_id: { teamId: admin.team.id, id: run.id } }, data: { status: 'succeeded' } });
    await deleteAction(db(), admin, 'versioned', { ifMatch: [2] });
    expect(await db().actionRun.count({ where: { teamId: admin.team.id, id: run.id } })).toBe(0);
    expect((await expectAppError(getAction(db(), admin, 'versioned'))).code).toBe('not_found');
  });

  it("another team's action is 404 on every entry point; a viewer cannot write", async () => {
    await createAction(db(), admin, body({ identifier: 'mine' }));
    for (const call of [
      () => getAction(db(), other, 'mine'),
      () => updateAction(db(), other, 'mine', { replace: false, patch: { title: 'x' } }),
      () => deleteAction(db(), other, 'mine'),
      () => rotateActionSecret(db(), other, 'mine'),
      () => loadActionForRun(db(), other.team.id, 'mine'),
      () => listActionsOffered(db(), other, 'service', 'svc-active'),
    ]) {
      expect((await expectAppError(call())).code).toBe('not_found');
    }
    expect((await getAction(db(), admin, 'mine')).version).toBe(1);
    expect((await listActions(db(), other, {}, { limit: 50, cursor: null })).actions).toEqual([]);
    expect((await expectAppError(createAction(db(), viewer, body()))).code).toBe('forbidden');
    expect((await getAction(db(), viewer, 'mine')).action.identifier).toBe('mine');
  });

  it('lists with filters and a cursor', async () => {
    await createAction(db(), admin, body({ identifier: 'make-svc', trigger: 'create' }));
    const creates = await listActions(db(), admin, { trigger: 'create' }, { limit: 50, cursor: null });
    expect(creates.actions.map((a) => a.identifier)).toEqual(['make-svc']);
    const first = await listActions(db(), admin, { blueprint: 'service' }, { limit: 1, cursor: null });
    expect(first.actions).toHaveLength(1);
    const second = await listActions(db(), admin, { blueprint: 'service' }, { limit: 1, cursor: first.next_cursor });
    expect(second.actions[0].identifier).not.toBe(first.actions[0].identifier);
  });
});

describe('offered actions', () => {
  it('day-2 actions whose condition matches the entity, enabled ones only; create actions on the blueprint', async () => {
    const active = { combinator: 'and', rules: [{ property: 'status', operator: '=', value: 'active' }] };
    await createAction(db(), admin, body({ identifier: 'restart', title: 'A restart', condition: active }));
    await createAction(db(), admin, body({ identifier: 'anywhere', title: 'B anywhere' }));
    await createAction(db(), admin, body({ identifier: 'off', title: 'C off', enabled: false }));
    await createAction(db(), admin, body({ identifier: 'retire', title: 'D retire', trigger: 'delete', condition: active }));
    const on = async (entity: string | null) => (await listActionsOffered(db(), admin, 'service', entity)).actions.map((a) => a.identifier);
    const activeOffers = await on('svc-active');
    expect(activeOffers).toEqual(expect.arrayContaining(['restart', 'anywhere', 'retire']));
    expect(activeOffers).not.toContain('off');
    const retiredOffers = await on('svc-retired');
    expect(retiredOffers).toContain('anywhere');
    expect(retiredOffers).not.toContain('restart');
    expect(retiredOffers).not.toContain('retire');
    expect(await on(null)).not.toContain('anywhere');
    expect((await expectAppError(listActionsOffered(db(), admin, 'service', 'missing'))).code).toBe('not_found');
  });
});

describe('quotas', () => {
  it('a create counts only after another create of the same team committed (no two creates both take the last place)', async () => {
    const { team, owner } = await createTeam(db());
    const ctx = await teamContextOf(owner, team.slug);
    await createBlueprint(db(), ctx, { id: 'service', title: 'Service', schema: SCHEMA });
    for (let i = 1; i < ACTION_LIMITS.maxPerBlueprint; i++) await createAction(db(), ctx, body());
    // Another create holds the team's quota lock and takes the last place (a copy of a row) ...
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const other = db().$transaction(async (tx) => {
      await runSql(tx, lockTeamQuotaSql(team.id, 'actions'), quotaLockRow);
      const row: Record<string, unknown> = { ...(await tx.action.findFirstOrThrow({ where: { teamId: team.id } })) };
      delete row.id;
      await tx.action.create({ data: { ...row, identifier: 'last-place' } as never });
      locked();
      await released;
    });
    await lockTaken;
    // ... so this one waits for it, then counts the full quota and is refused.
    const mine = createAction(db(), ctx, body());
    const early = await Promise.race([
      mine.then(
        () => 'done',
        () => 'done',
      ),
      new Promise((r) => setTimeout(() => r('waiting'), 500)),
    ]);
    expect(early).toBe('waiting');
    release();
    await other;
    const error = await expectAppError(mine);
    expect([error.code, (error.details as { reason: string }).reason]).toEqual(['conflict', 'limit_reached']);
    expect(await db().action.count({ where: { teamId: team.id } })).toBe(ACTION_LIMITS.maxPerBlueprint);
  });
});
