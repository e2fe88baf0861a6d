import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint, deleteBlueprint } from '@/lib/blueprints/blueprint-service';
import { createApiKeyRow, addMembership, createTeam, expectAppError, requestContextFor, teamContextOf } from '@/lib/test/fixtures';
import { resolveTeamContext } from '@/lib/authz/team-context';
import { systemContext } from '@/lib/authz/system-context';
import { testDb } from '@/lib/test/database-per-file';
import { listTeamViews } from './list-team-views';
import { createSavedView, deleteSavedView, getSavedView, listSavedViews, updateSavedView } from './saved-view-service';

// Saved views against the real database: who sees which view (a private one its owner only, a
// shared one every member), who may share, change and delete, the one default per blueprint, the
// checks of query / sort / columns against the blueprint, If-Match, audit rows, and the 404s of
// another team's and another blueprint's views.

const db = () => testDb();
const SCHEMA = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['active', 'retired'] }, tier: { type: 'integer' }, tags: { type: 'object' } },
};
const filter = { combinator: 'and', rules: [{ property: 'status', operator: '=', value: 'active' }] };

let admin: TeamContext;
let editor: TeamContext;
let viewer: TeamContext;
let viewer2: TeamContext;
let other: TeamContext;
let slug: string;

async function member(teamId: string, role: string) {
  const user = await addMembership(db(), teamId, role);
  return teamContextOf(user, slug);
}

beforeAll(async () => {
  const { team, owner } = await createTeam(db());
  slug = team.slug;
  admin = await teamContextOf(owner, team.slug);
  editor = await member(team.id, 'editor');
  viewer = await member(team.id, 'viewer');
  viewer2 = await member(team.id, 'viewer');
  const second = await createTeam(db());
  other = await teamContextOf(second.owner, second.team.slug);
  for (const c of [admin, other]) {
    await createBlueprint(db(), c, { id: 'service', title: 'Service', schema: SCHEMA });
    await createBlueprint(db(), c, { id: 'cluster', title: 'Cluster', schema: { type: 'object', properties: {} } });
  }
});

let n = 0;
const id = (prefix = 'v') => `${prefix}${++n}`;

describe('visibility', () => {
  it("a private view is its owner's alone: 404 to another member, absent from their lists", async () => {
    const identifier = id();
    const { view, version } = await createSavedView(db(), viewer, 'service', {
      identifier,
      title: 'Mine',
      query: filter,
      columns: ['status', '$title'],
      page_size: 25,
    });
    expect(version).toBe(1);
    expect(view).toMatchObject({
      identifier,
      shared: false,
      default: false,
      owner_id: viewer.actor.kind === 'user' ? viewer.actor.userId : null,
      query: filter,
      sort: [],
      columns: ['status', '$title'],
      page_size: 25,
    });
    expect((await getSavedView(db(), viewer, 'service', identifier)).view.title).toBe('Mine');
    for (const c of [viewer2, admin]) {
      expect((await expectAppError(getSavedView(db(), c, 'service', identifier))).code).toBe('not_found');
      expect((await listSavedViews(db(), c, 'service')).views.map((v) => v.identifier)).not.toContain(identifier);
      expect((await listTeamViews(db(), c)).map((v) => v.identifier)).not.toContain(identifier);
      expect((await expectAppError(updateSavedView(db(), c, 'service', identifier, { replace: false, patch: { title: 'x' } }))).code).toBe(
        'not_found',
      );
      expect((await expectAppError(deleteSavedView(db(), c, 'service', identifier))).code).toBe('not_found');
    }
    expect((await listTeamViews(db(), viewer)).find((v) => v.identifier === identifier)).toEqual({
      blueprint: 'service',
      identifier,
      title: 'Mine',
      shared: false,
      default: false,
    });
  });

  it('a shared view is seen by every member, the system and a key; another team and another blueprint get 404', async () => {
    const identifier = id();
    await createSavedView(db(), editor, 'service', {
      identifier,
      title: 'Team',
      shared: true,
      sort: [{ property: 'tier', order: 'desc' }],
    });
    for (const c of [
      viewer,
      viewer2,
      admin,
      systemContext(admin.team, { on_behalf: { type: 'automation', id: 'x' }, permissions: ['entity:read'] }),
    ]) {
      expect((await getSavedView(db(), c, 'service', identifier)).view).toMatchObject({
        shared: true,
        owner_id: null,
        sort: [{ property: 'tier', order: 'desc' }],
      });
    }
    expect((await expectAppError(getSavedView(db(), other, 'service', identifier))).code).toBe('not_found');
    expect((await expectAppError(getSavedView(db(), admin, 'cluster', identifier))).code).toBe('not_found');
    expect((await expectAppError(listSavedViews(db(), other, 'nope'))).code).toBe('not_found');
    expect((await listSavedViews(db(), other, 'service')).views).toEqual([]);
  });

  it("an API key's private views are its creator's", async () => {
    const user = await addMembership(db(), admin.team.id, 'editor');
    const { row } = await createApiKeyRow(db(), { teamId: admin.team.id, userId: user.id, permissions: ['entity:read'] });
    const keyCtx = await resolveTeamContext(
      db(),
      requestContextFor({
        kind: 'api_key',
        keyId: row.id,
        keyName: row.name,
        teamId: admin.team.id,
        creatorId: user.id,
        keyPermissions: ['entity:read'],
      }),
      slug,
    );
    const identifier = id();
    const { view } = await createSavedView(db(), keyCtx, 'service', { identifier, title: 'By key' });
    expect(view.owner_id).toBe(user.id);
    const userCtx = await teamContextOf(user, slug);
    expect((await getSavedView(db(), userCtx, 'service', identifier)).view.title).toBe('By key');
    expect((await expectAppError(getSavedView(db(), viewer, 'service', identifier))).code).toBe('not_found');
  });
});

describe('permissions', () => {
  it('sharing, changing and deleting a shared view need entity:write; a viewer keeps private ones', async () => {
    expect((await expectAppError(createSavedView(db(), viewer, 'service', { identifier: id(), title: 'S', shared: true }))).code).toBe(
      'forbidden',
    );
    const shared = id();
    await createSavedView(db(), editor, 'service', { identifier: shared, title: 'Shared' });
    await updateSavedView(db(), editor, 'service', shared, { replace: false, patch: { shared: true } });
    expect((await expectAppError(updateSavedView(db(), viewer, 'service', shared, { replace: false, patch: { title: 'x' } }))).code).toBe(
      'forbidden',
    );
    expect((await expectAppError(deleteSavedView(db(), viewer, 'service', shared))).code).toBe('forbidden');
    const mine = id();
    await createSavedView(db(), viewer, 'service', { identifier: mine, title: 'Mine' });
    expect((await expectAppError(updateSavedView(db(), viewer, 'service', mine, { replace: false, patch: { shared: true } }))).code).toBe(
      'forbidden',
    );
    const { view, version } = await updateSavedView(db(), viewer, 'service', mine, { replace: false, patch: { title: 'Renamed' } });
    expect([view.title, version]).toEqual(['Renamed', 2]);
    await deleteSavedView(db(), viewer, 'service', mine);
    expect((await expectAppError(getSavedView(db(), viewer, 'service', mine))).code).toBe('not_found');
    await deleteSavedView(db(), editor, 'service', shared);
  });

  it('the system keeps no private view (422 naming /shared)', async () => {
    const system = systemContext(admin.team, { on_behalf: { type: 'automation', id: 'x' }, permissions: ['entity:read', 'entity:write'] });
    const error = await expectAppError(createSavedView(db(), system, 'service', { identifier: id(), title: 'S' }));
    expect([error.code, (error.details as Array<{ path: string }>)[0].path]).toEqual(['validation_failed', '/shared']);
  });
});

describe('the default view', () => {
  it('is one shared view per blueprint: setting it takes the flag from the previous one, a private one cannot be', async () => {
    const [a, b] = [id('d'), id('d')];
    await createSavedView(db(), editor, 'service', { identifier: a, title: 'A', shared: true, default: true });
    await createSavedView(db(), editor, 'service', { identifier: b, title: 'B', shared: true });
    const before = await getSavedView(db(), viewer, 'service', a);
    await updateSavedView(db(), admin, 'service', b, { replace: false, patch: { default: true } });
    const after = await getSavedView(db(), viewer, 'service', a);
    expect([after.view.default, after.version]).toEqual([false, before.version + 1]);
    expect((await getSavedView(db(), viewer, 'service', b)).view.default).toBe(true);
    const defaults = await db().savedView.count({ where: { teamId: admin.team.id, blueprintId: 'service', isDefault: true } });
    expect(defaults).toBe(1);
    const error = await expectAppError(createSavedView(db(), editor, 'service', { identifier: id(), title: 'P', default: true }));
    expect([error.code, (error.details as Array<{ path: string }>)[0].path]).toEqual(['validation_failed', '/default']);
    // Another blueprint has its own default.
    await createSavedView(db(), editor, 'cluster', { identifier: id('d'), title: 'C', shared: true, default: true });
    expect((await getSavedView(db(), viewer, 'service', b)).view.default).toBe(true);
  });
});

describe('checks', () => {
  const create = (body: object) => expectAppError(createSavedView(db(), editor, 'service', { identifier: id(), title: 'T', ...body }));

  it('types query and sort as the search does: 400 naming the path', async () => {
    const bad = await create({ query: { combinator: 'and', rules: [{ property: 'status', operator: 'nope', value: 1 }] } });
    expect([bad.code, bad.message]).toEqual(['bad_request', expect.stringContaining('query.rules[0].operator')]);
    const unknown = await create({ query: { combinator: 'and', rules: [{ property: 'missing', operator: '=', value: 1 }] } });
    expect(unknown.message).toContain('query.rules[0].property');
    const wrongType = await create({ query: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'x' }] } });
    expect(wrongType.message).toContain('query.rules[0].value');
    const sort = await create({ sort: [{ property: 'tags', order: 'asc' }] });
    expect([sort.code, sort.message]).toEqual(['bad_request', expect.stringContaining('sort[0].property')]);
  });

  it('refuses an unknown column with 422 naming it, a taken identifier with 409, a rename with 422', async () => {
    const cols = await create({ columns: ['status', 'nope'] });
    expect([cols.code, cols.details]).toEqual(['validation_failed', [{ path: '/columns/1', message: expect.stringContaining('"nope"') }]]);
    const identifier = id();
    await createSavedView(db(), viewer, 'service', { identifier, title: 'Private' });
    const taken = await expectAppError(createSavedView(db(), editor, 'service', { identifier, title: 'Again', shared: true }));
    expect([taken.code, (taken.details as { reason: string }).reason]).toEqual(['conflict', 'already_exists']);
    expect(taken.message).not.toContain('viewer');
    const rename = await expectAppError(
      updateSavedView(db(), viewer, 'service', identifier, { replace: true, input: { identifier: 'other', title: 'x' } }),
    );
    expect(rename.code).toBe('validation_failed');
  });

  it('refuses a stale If-Match with 409 stale_version and changes nothing', async () => {
    const identifier = id();
    await createSavedView(db(), viewer, 'service', { identifier, title: 'One' });
    const error = await expectAppError(
      updateSavedView(db(), viewer, 'service', identifier, { replace: false, patch: { title: 'Two' } }, { ifMatch: [7] }),
    );
    expect([error.code, (error.details as { reason: string }).reason]).toEqual(['conflict', 'stale_version']);
    expect((await getSavedView(db(), viewer, 'service', identifier)).view.title).toBe('One');
    const { version } = await updateSavedView(
      db(),
      viewer,
      'service',
      identifier,
      { replace: false, patch: { title: 'Two' } },
      { ifMatch: [1] },
    );
    expect(version).toBe(2);
  });
});

describe('audit and cascade', () => {
  it('writes view.created / updated / deleted in the team, and the views go with their blueprint', async () => {
    await createBlueprint(db(), admin, { id: 'doomed', title: 'Doomed', schema: SCHEMA });
    const identifier = id();
    const { view } = await createSavedView(db(), editor, 'doomed', { identifier, title: 'A', shared: true });
    await updateSavedView(db(), editor, 'doomed', identifier, { replace: false, patch: { title: 'B' } });
    const row = await db().savedView.findFirstOrThrow({ where: { teamId: admin.team.id, identifier } });
    await deleteSavedView(db(), editor, 'doomed', identifier);
    const audit = await db().auditLog.findMany({ where: { teamId: admin.team.id, entityId: row.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['view.created', 'view.updated', 'view.deleted']);
    expect((audit[1].oldData as { title: string }).title).toBe('A');
    expect((audit[1].newData as { title: string }).title).toBe('B');
    expect(view.blueprint).toBe('doomed');
    await createSavedView(db(), editor, 'doomed', { identifier: id(), title: 'C', shared: true });
    await deleteBlueprint(db(), admin, 'doomed');
    expect(await db().savedView.count({ where: { teamId: admin.team.id, blueprintId: 'doomed' } })).toBe(0);
  });
});
