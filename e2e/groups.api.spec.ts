import { expect, test } from '@playwright/test';
import { addMember, call, createApiKey, createBlueprint, createTeam, expectError, expectJson, getJson, register } from './support/api';

// Groups of people and entities' owners over HTTP (docs/API.md "Groups and owners"): CRUD with
// members, owners on the entity writes, `$owners` with the userGroups context (a person's groups,
// a key's none), and what deleting a group or removing a member leaves.

type Group = { identifier: string; title: string; description: string | null; member_count: number };
type Entity = { identifier: string; owners: string[] };

test('groups, members and owned entities, end to end', async ({ request }) => {
  const admin = await register(request, 'owner-admin');
  const person = await register(request, 'owner-person');
  const team = await createTeam(request, admin.token);
  const T = `/teams/${team.slug}`;
  const as = (token: string) => ({ token });
  await addMember(request, admin.token, team.slug, person.email, 'viewer');
  await createBlueprint(request, admin.token, team.slug, { id: 'service' });

  // Create, read, edit; a bad identifier or a repeated one is refused.
  const created = await expectJson<Group>(
    await call(request, 'POST', `${T}/groups`, { ...as(admin.token), body: { identifier: 'payments', title: 'Payments' } }),
    201,
    'create',
  );
  expect(created).toMatchObject({ identifier: 'payments', title: 'Payments', description: null, member_count: 0 });
  await expectError(
    await call(request, 'POST', `${T}/groups`, { ...as(admin.token), body: { identifier: 'payments', title: 'Again' } }),
    409,
    'repeat',
  );
  await expectError(
    await call(request, 'POST', `${T}/groups`, { ...as(admin.token), body: { identifier: 'Bad Id', title: 'x' } }),
    422,
    'pattern',
  );
  await expectJson(
    await call(request, 'POST', `${T}/groups`, { ...as(admin.token), body: { identifier: 'search', title: 'Search' } }),
    201,
    'second',
  );
  const edited = await expectJson<Group>(
    await call(request, 'PATCH', `${T}/groups/payments`, { ...as(admin.token), body: { description: 'Money moves' } }),
    200,
    'edit',
  );
  expect(edited.description).toBe('Money moves');
  // A viewer reads but does not write.
  expect((await getJson<{ groups: Group[] }>(request, person.token, `${T}/groups`)).groups.map((g) => g.identifier)).toEqual([
    'payments',
    'search',
  ]);
  await expectError(
    await call(request, 'PATCH', `${T}/groups/payments`, { ...as(person.token), body: { title: 'Mine' } }),
    403,
    'viewer edit',
  );

  // Members: the person joins payments.
  await expectJson(
    await call(request, 'POST', `${T}/groups/payments/members`, { ...as(admin.token), body: { user_id: person.user.id } }),
    201,
    'add member',
  );
  const { members } = await getJson<{ members: Array<{ user_id: string; email: string }> }>(
    request,
    person.token,
    `${T}/groups/payments/members`,
  );
  expect(members).toEqual([expect.objectContaining({ user_id: person.user.id, email: person.email })]);

  // Owners on writes; an unknown group is a 422 naming the value.
  const E = `${T}/blueprints/service/entities`;
  await expectJson(
    await call(request, 'POST', E, { ...as(admin.token), body: { identifier: 'checkout', data: {}, owners: ['payments'] } }),
    201,
    'owned',
  );
  await expectJson(
    await call(request, 'POST', E, { ...as(admin.token), body: { identifier: 'indexer', data: {}, owners: ['search'] } }),
    201,
    'other',
  );
  const bad = await expectError(
    await call(request, 'POST', E, { ...as(admin.token), body: { identifier: 'x', data: {}, owners: ['nobody'] } }),
    422,
    'unknown owner',
  );
  expect(bad.error.details).toEqual([{ path: '/owners/0', message: 'there is no group "nobody" in this team' }]);
  const patched = await expectJson<Entity>(
    await call(request, 'PATCH', `${E}/indexer`, { ...as(admin.token), body: { owners: ['search', 'payments'] } }),
    200,
    'patch owners',
  );
  expect(patched.owners).toEqual(['search', 'payments']);

  // "My groups": the person's groups, per caller; an API key has no person and finds nothing.
  const mine = { query: { rules: [{ property: '$owners', operator: 'containsAny', value: { context: 'userGroups' } }] } };
  const search = async (token: string) => {
    const res = await expectJson<{ entities: Entity[] }>(await call(request, 'POST', `${E}/search`, { token, body: mine }), 200, 'search');
    return res.entities.map((e) => e.identifier).sort();
  };
  expect(await search(person.token)).toEqual(['checkout', 'indexer']);
  expect(await search(admin.token)).toEqual([]);
  const key = await createApiKey(request, admin.token, team.slug, ['entity:read']);
  expect(await search(key.key)).toEqual([]);
  await expectError(
    await call(request, 'POST', `${E}/search`, {
      ...as(admin.token),
      body: { query: { rules: [{ property: '$owners', operator: '>', value: 'x' }] } },
    }),
    400,
    'operator',
  );

  // Deleting a group takes it out of the owners of what it owned.
  const deleted = await expectJson<{ owned_entities: number }>(
    await call(request, 'DELETE', `${T}/groups/payments`, as(admin.token)),
    200,
    'delete',
  );
  expect(deleted).toEqual({ owned_entities: 2 });
  expect((await getJson<Entity>(request, admin.token, `${E}/indexer`)).owners).toEqual(['search']);
  expect((await getJson<Entity>(request, admin.token, `${E}/checkout`)).owners).toEqual([]);
  await expectError(await call(request, 'GET', `${T}/groups/payments`, as(admin.token)), 404, 'gone');

  // Removing the person from the team removes their group memberships.
  await expectJson(
    await call(request, 'POST', `${T}/groups/search/members`, { ...as(admin.token), body: { user_id: person.user.id } }),
    201,
    'join',
  );
  expect((await call(request, 'DELETE', `${T}/members/${person.user.id}`, as(admin.token))).status()).toBe(200);
  expect((await getJson<{ members: unknown[] }>(request, admin.token, `${T}/groups/search/members`)).members).toEqual([]);
});
