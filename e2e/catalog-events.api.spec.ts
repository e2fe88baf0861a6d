import { expect, test, type APIRequestContext } from '@playwright/test';
import { addMember, call, createApiKey, createBlueprint, createTeam, expectError, expectJson, register, type Session } from './support/api';

// The change feed (docs/API.md "Catalog change events"): writes through the API show up as events
// in commit order, read page by page with the cursor; a viewer may read it; another team's caller
// gets 404; bad parameters are 400. An event is readable once every older transaction in the
// database has ended (other tests run at the same time), so the test polls for the events it
// expects: it waits for a state, never for a time.

type Event = {
  id: string;
  kind: string;
  blueprint: string;
  entity: { id: string; identifier: string } | null;
  changed: { properties: string[]; relations: string[] | null; title: boolean };
  actor: { type: string; id: string | null };
  request_id: string | null;
  audit_id: string | null;
  at: string;
};
type Feed = { events: Event[]; next_cursor: string | null; has_more: boolean };

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer' }, lang: { type: 'string' } } };

async function world(api: APIRequestContext) {
  const admin = await register(api, 'events');
  const team = await createTeam(api, admin.token);
  await createBlueprint(api, admin.token, team.slug, { id: 'service', schema: SCHEMA });
  const entities = `/teams/${team.slug}/blueprints/service/entities`;
  const feedPath = `/teams/${team.slug}/events`;
  return { admin, team, entities, feedPath };
}

async function readFeed(api: APIRequestContext, who: Session | string, path: string): Promise<Feed> {
  const token = typeof who === 'string' ? who : who.token;
  return expectJson<Feed>(await call(api, 'GET', path, { token }), 200, `GET ${path}`);
}

const summary = (e: Event) => [e.kind, e.blueprint, e.entity?.identifier ?? null];

test('create, update and delete through the API appear in the feed in order, paged by the cursor', async ({ request }) => {
  const { admin, entities, feedPath } = await world(request);
  expect((await call(request, 'POST', entities, { token: admin.token, body: { identifier: 'api', data: { tier: 1 } } })).status()).toBe(
    201,
  );
  expect((await call(request, 'PATCH', `${entities}/api`, { token: admin.token, body: { data: { lang: 'go' } } })).status()).toBe(200);
  expect((await call(request, 'DELETE', `${entities}/api`, { token: admin.token })).status()).toBe(204);

  const expected = [
    ['blueprint.created', 'service', null],
    ['entity.created', 'service', 'api'],
    ['entity.updated', 'service', 'api'],
    ['entity.deleted', 'service', 'api'],
  ];
  await expect.poll(async () => (await readFeed(request, admin, feedPath)).events.map(summary)).toEqual(expected);

  const all = (await readFeed(request, admin, feedPath)).events;
  expect(all[2].changed).toEqual({ properties: ['lang'], relations: [], title: false });
  expect(all[1].actor).toEqual({ type: 'user', id: admin.user.id });
  expect(all.every((e) => e.audit_id !== null && e.request_id !== null)).toBe(true);

  // Two at a time: the cursor carries on where the previous answer stopped.
  const first = await readFeed(request, admin, `${feedPath}?limit=2`);
  expect([first.events.map(summary), first.has_more]).toEqual([expected.slice(0, 2), true]);
  const second = await readFeed(request, admin, `${feedPath}?limit=2&after=${first.next_cursor}`);
  expect([second.events.map(summary), second.has_more]).toEqual([expected.slice(2), false]);
  const idle = await readFeed(request, admin, `${feedPath}?limit=2&after=${second.next_cursor}`);
  expect([idle.events, idle.next_cursor]).toEqual([[], second.next_cursor]);

  const kinds = await readFeed(request, admin, `${feedPath}?kind=entity.created,entity.deleted&blueprint=service`);
  expect(kinds.events.map(summary)).toEqual([expected[1], expected[3]]);
});

test("a viewer reads the feed; another team's admin and key get 404", async ({ request }) => {
  const { admin, team, entities, feedPath } = await world(request);
  expect((await call(request, 'POST', entities, { token: admin.token, body: { identifier: 'api', data: {} } })).status()).toBe(201);
  const viewer = await register(request, 'viewer');
  await addMember(request, admin.token, team.slug, viewer.email, 'viewer');
  await expect
    .poll(async () => (await readFeed(request, viewer, feedPath)).events.map(summary))
    .toContainEqual(['entity.created', 'service', 'api']);

  const stranger = await register(request, 'stranger');
  const theirs = await createTeam(request, stranger.token);
  const { key } = await createApiKey(request, stranger.token, theirs.slug, ['entity:read']);
  await expectError(await call(request, 'GET', feedPath, { token: stranger.token }), 404, "another team's admin");
  await expectError(await call(request, 'GET', feedPath, { token: key }), 404, "another team's key");
  expect((await readFeed(request, stranger, `/teams/${theirs.slug}/events`)).events).toEqual([]);
});

test('bad parameters are 400', async ({ request }) => {
  const { admin, feedPath } = await world(request);
  for (const query of [
    'kind=entity.exploded',
    'after=not-a-cursor',
    'limit=0',
    'limit=1001',
    'blueprint=Not%20An%20Id',
    'since=2026-01-01',
  ]) {
    await expectError(await call(request, 'GET', `${feedPath}?${query}`, { token: admin.token }), 400, query);
  }
});
