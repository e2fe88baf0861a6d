import { describe, expect, it } from 'vitest';
import { resolveTeamContext } from '@/lib/authz/team-context';
import { bulkUpsertEntities } from '@/lib/entities/bulk-upsert-entities';
import { createEntity } from '@/lib/entities/create-entity';
import { getEntity } from '@/lib/entities/get-entity';
import { patchEntity, replaceEntity } from '@/lib/entities/update-entity';
import { removeMember } from '@/lib/members/member-service';
import { testDb } from '@/lib/test/database-per-file';
import {
  addMembership,
  createApiKeyRow,
  createBlueprint,
  createTeam,
  expectAppError,
  requestContextFor,
  teamContextOf,
} from '@/lib/test/fixtures';
import { addGroupMember, listGroupMembers, removeGroupMember } from './group-members';
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from './group-service';

// Groups stay inside their team, their people are the team's members (and leave with them), and
// entities name them as owners: checked against the team's groups, cleared when a group goes.

async function teamWithGroup(identifier = 'platform') {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service');
  const ctx = await teamContextOf(owner, team.slug);
  const group = await createGroup(testDb(), ctx, { identifier, title: 'Platform team' });
  return { team, owner, ctx, group };
}

const audits = (teamId: string, prefix: string) =>
  testDb().auditLog.findMany({ where: { teamId, action: { startsWith: prefix } }, orderBy: { createdAt: 'asc' } });

describe('groups', () => {
  it('are created, listed, edited and deleted, each change audited; the identifier is unique in the team', async () => {
    const { team, ctx, group } = await teamWithGroup();
    expect(group).toMatchObject({ identifier: 'platform', title: 'Platform team', description: null, member_count: 0 });
    const conflict = await expectAppError(createGroup(testDb(), ctx, { identifier: 'platform', title: 'Again' }));
    expect(conflict.code).toBe('conflict');
    const edited = await updateGroup(testDb(), ctx, 'platform', { description: 'Runs the platform' });
    expect(edited).toMatchObject({ title: 'Platform team', description: 'Runs the platform' });
    expect((await listGroups(testDb(), ctx, { limit: 50, cursor: null })).groups.map((g) => g.identifier)).toEqual(['platform']);
    await deleteGroup(testDb(), ctx, 'platform');
    expect((await expectAppError(getGroup(testDb(), ctx, 'platform'))).code).toBe('not_found');
    expect((await audits(team.id, 'group.')).map((a) => a.action)).toEqual(['group.created', 'group.updated', 'group.deleted']);
  });

  it("another team's group is not found, and the same identifier may exist in two teams", async () => {
    const a = await teamWithGroup('shared');
    const b = await teamWithGroup('shared');
    expect((await getGroup(testDb(), a.ctx, 'shared')).id).toBe(a.group.id);
    expect((await getGroup(testDb(), b.ctx, 'shared')).id).toBe(b.group.id);
    await createGroup(testDb(), a.ctx, { identifier: 'only-a', title: 'Only A' });
    for (const call of [
      () => getGroup(testDb(), b.ctx, 'only-a'),
      () => updateGroup(testDb(), b.ctx, 'only-a', { title: 'mine' }),
      () => deleteGroup(testDb(), b.ctx, 'only-a'),
      () => listGroupMembers(testDb(), b.ctx, 'only-a'),
      () => addGroupMember(testDb(), b.ctx, 'only-a', { user_id: b.owner.id }),
    ]) {
      expect((await expectAppError(call())).code).toBe('not_found');
    }
    expect((await getGroup(testDb(), a.ctx, 'only-a')).title).toBe('Only A');
  });

  it('writes need team:manage; any member reads', async () => {
    const { team, ctx } = await teamWithGroup();
    const editor = await addMembership(testDb(), team.id, 'editor');
    const editorCtx = await teamContextOf(editor, team.slug);
    expect((await getGroup(testDb(), editorCtx, 'platform')).identifier).toBe('platform');
    expect((await expectAppError(createGroup(testDb(), editorCtx, { identifier: 'x', title: 'X' }))).code).toBe('forbidden');
    expect((await expectAppError(addGroupMember(testDb(), editorCtx, 'platform', { user_id: editor.id }))).code).toBe('forbidden');
    await addGroupMember(testDb(), ctx, 'platform', { user_id: editor.id });
    expect((await listGroupMembers(testDb(), editorCtx, 'platform')).members.map((m) => m.user_id)).toEqual([editor.id]);
  });
});

describe('group members', () => {
  it('must be members of the team: anyone else is a 422 naming /user_id', async () => {
    const { ctx } = await teamWithGroup();
    const other = await createTeam(testDb());
    const error = await expectAppError(addGroupMember(testDb(), ctx, 'platform', { user_id: other.owner.id }));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ path: '/user_id', message: `${other.owner.id} is not a member of this team` }]);
    expect((await listGroupMembers(testDb(), ctx, 'platform')).members).toEqual([]);
  });

  it('are added once, removed, and leave every group when they leave the team (same transaction as the removal)', async () => {
    const { team, ctx } = await teamWithGroup();
    await createGroup(testDb(), ctx, { identifier: 'oncall', title: 'On call' });
    const person = await addMembership(testDb(), team.id, 'viewer');
    await addGroupMember(testDb(), ctx, 'platform', { user_id: person.id });
    await addGroupMember(testDb(), ctx, 'oncall', { user_id: person.id });
    expect((await expectAppError(addGroupMember(testDb(), ctx, 'platform', { user_id: person.id }))).code).toBe('conflict');
    expect((await getGroup(testDb(), ctx, 'platform')).member_count).toBe(1);
    await removeGroupMember(testDb(), ctx, 'oncall', person.id);
    expect((await expectAppError(removeGroupMember(testDb(), ctx, 'oncall', person.id))).code).toBe('not_found');
    await removeMember(testDb(), ctx, person.id);
    expect(await testDb().teamGroupMember.count({ where: { teamId: team.id, userId: person.id } })).toBe(0);
    expect((await getGroup(testDb(), ctx, 'platform')).member_count).toBe(0);
  });
});

describe('entity owners', () => {
  it("are checked against the team's groups: an unknown one is a 422 naming the value, and nothing is written", async () => {
    const { team, ctx } = await teamWithGroup();
    const other = await teamWithGroup('elsewhere');
    const error = await expectAppError(
      createEntity(testDb(), ctx, 'service', { identifier: 'api', data: {}, owners: ['platform', 'elsewhere'] }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ path: '/owners/1', message: 'there is no group "elsewhere" in this team' }]);
    expect(await testDb().entity.count({ where: { teamId: team.id } })).toBe(0);
    expect(other.group.identifier).toBe('elsewhere');
  });

  it('are written by create, PUT and PATCH, answered in the view and recorded in the audit rows', async () => {
    const { team, ctx } = await teamWithGroup();
    await createGroup(testDb(), ctx, { identifier: 'sre', title: 'SRE' });
    const created = await createEntity(testDb(), ctx, 'service', { identifier: 'api', data: {}, owners: ['platform'] });
    expect('entity' in created && created.entity.owners).toEqual(['platform']);
    const patched = await patchEntity(testDb(), ctx, 'service', 'api', { owners: ['sre', 'platform'] });
    expect(patched.entity.owners).toEqual(['sre', 'platform']);
    const untouched = await patchEntity(testDb(), ctx, 'service', 'api', { title: 'API' });
    expect(untouched.entity.owners).toEqual(['sre', 'platform']);
    const replaced = await replaceEntity(testDb(), ctx, 'service', 'api', { data: {} });
    expect(replaced.entity.owners).toEqual([]);
    const rows = await audits(team.id, 'entity.');
    const owners = rows.map((r) => (r.newData as { owners: string[] }).owners);
    expect(owners).toEqual([['platform'], ['sre', 'platform'], ['sre', 'platform'], []]);
    expect((rows[1].oldData as { owners: string[] }).owners).toEqual(['platform']);
  });

  it('bulk upsert checks every item with one lookup: a bad owner fails its item only; an item without owners keeps them', async () => {
    const { ctx } = await teamWithGroup();
    await createEntity(testDb(), ctx, 'service', { identifier: 'kept', data: {}, owners: ['platform'] });
    const { results } = await bulkUpsertEntities(testDb(), ctx, 'service', [
      { identifier: 'kept', title: 'Kept', data: {} },
      { identifier: 'new', data: {}, owners: ['platform'] },
      { identifier: 'bad', data: {}, owners: ['nobody'] },
    ]);
    expect(results.map((r) => r.status)).toEqual(['updated', 'created', 'error']);
    expect(results[2]).toMatchObject({
      error: { code: 'validation_failed', details: [{ path: '/owners/0', message: 'there is no group "nobody" in this team' }] },
    });
    expect((await getEntity(testDb(), ctx, 'service', 'kept')).entity).toMatchObject({ title: 'Kept', owners: ['platform'] });
    expect((await getEntity(testDb(), ctx, 'service', 'new')).entity.owners).toEqual(['platform']);
    const cleared = await bulkUpsertEntities(testDb(), ctx, 'service', [
      { identifier: 'kept', data: {}, owners: [] },
      { identifier: 'new', data: {} },
    ]);
    expect(cleared.allSucceeded).toBe(true);
    expect((await getEntity(testDb(), ctx, 'service', 'kept')).entity.owners).toEqual([]);
    expect((await getEntity(testDb(), ctx, 'service', 'new')).entity.owners).toEqual(['platform']);
  });

  it('deleting a group takes it out of every entity it owned (new version), in the same transaction', async () => {
    const { team, ctx } = await teamWithGroup();
    await createGroup(testDb(), ctx, { identifier: 'sre', title: 'SRE' });
    await createEntity(testDb(), ctx, 'service', { identifier: 'a', data: {}, owners: ['platform', 'sre'] });
    await createEntity(testDb(), ctx, 'service', { identifier: 'b', data: {}, owners: ['sre'] });
    await createEntity(testDb(), ctx, 'service', { identifier: 'c', data: {} });
    expect(await deleteGroup(testDb(), ctx, 'platform')).toEqual({ owned_entities: 1 });
    const rows = await testDb().entity.findMany({ where: { teamId: team.id }, orderBy: { identifier: 'asc' } });
    expect(rows.map((r) => [r.identifier, r.owners, r.version])).toEqual([
      ['a', ['sre'], 2],
      ['b', ['sre'], 1],
      ['c', [], 1],
    ]);
    const [deleted] = await audits(team.id, 'group.deleted');
    expect(deleted.newData).toEqual({ removed_from_entities: 1 });
  });

  it("an API key's write is checked the same way", async () => {
    const { team, owner, ctx } = await teamWithGroup();
    const { key, row } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:write'] });
    const keyCtx = await resolveTeamContext(
      testDb(),
      requestContextFor({
        kind: 'api_key',
        keyId: row.id,
        keyName: row.name,
        teamId: team.id,
        creatorId: owner.id,
        keyPermissions: ['entity:write'],
      }),
      team.slug,
    );
    expect(key).toBeTruthy();
    const written = await createEntity(testDb(), keyCtx, 'service', { identifier: 'k', data: {}, owners: ['platform'] });
    expect('entity' in written && written.entity.owners).toEqual(['platform']);
    expect(ctx.team.id).toBe(team.id);
  });
});
