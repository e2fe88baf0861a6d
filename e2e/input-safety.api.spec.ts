import { expect, test } from '@playwright/test';
import { call, createBlueprint, createTeam, expectError, expectJson, register } from './support/api';

// Issue 11 through the real server: schemas and input that must neither freeze the process nor
// reach the database as a 500. Each answer is asserted by its verdict (status, code, the path or
// limit named), never by its time.

const JSON_HEADERS = { 'content-type': 'application/json' };
const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

test('a pathological pattern gets its verdict, one RE2 cannot run is refused on save', async ({ request }) => {
  const admin = await register(request, 'rx-admin');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, {
    id: 'svc',
    schema: { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } },
  });
  const bad = await call(request, 'POST', `/teams/${team.slug}/blueprints/svc/entities?validate_only=true`, {
    token: admin.token,
    body: { identifier: 'x', data: { name: `${'a'.repeat(30)}!` } },
  });
  const body = await expectError(bad, 422, 'a non-matching name');
  expect(body.error.details?.map((d) => d.path)).toEqual(['/data/name']);

  const backref = await call(request, 'POST', `/teams/${team.slug}/blueprints`, {
    token: admin.token,
    body: { id: 'backref', title: 'Backref', schema: { type: 'object', properties: { tag: { type: 'string', pattern: '^(\\w)\\1$' } } } },
  });
  expect((await expectError(backref, 422, 'a backreference')).error.details).toEqual([
    { path: '/schema/properties/tag/pattern', message: expect.stringContaining('linear time') },
  ]);
});

test('schema limits are 422s that name the limit', async ({ request }) => {
  const admin = await register(request, 'limits-admin');
  const team = await createTeam(request, admin.token);
  const save = (id: string, n: number, property: object = {}) => {
    const properties = Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, property]));
    return call(request, 'POST', `/teams/${team.slug}/blueprints`, {
      token: admin.token,
      body: { id, title: id, schema: { type: 'object', properties } },
    });
  };
  // The 20,000 properties (about 500 KB of schema) pass the size bound first.
  expect((await expectError(await save('huge', 20_000, { type: 'string' }), 422, '20,000 properties')).error.details).toEqual([
    { path: '/schema', message: expect.stringContaining('MAX_SCHEMA_BYTES') },
  ]);
  expect((await expectError(await save('many', 1001), 422, '1,001 properties')).error.details).toEqual([
    { path: '/schema', message: expect.stringContaining('MAX_SCHEMA_PROPERTIES') },
  ]);
});

test('bodies: deep nesting 400, NUL / lone surrogate / 1e400 422 naming the field', async ({ request }) => {
  const admin = await register(request, 'body-admin');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'svc', schema: { type: 'object' } });
  const entities = `/teams/${team.slug}/blueprints/svc/entities`;
  const send = (text: string) => call(request, 'POST', entities, { token: admin.token, body: text, headers: JSON_HEADERS });

  const deep = await send(`{"identifier": "deep", "data": {"x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}}`);
  expect((await expectError(deep, 400, 'nested 10,000 deep')).error.message).toContain('MAX_JSON_DEPTH');

  const cases: Array<[string, string]> = [
    [String.raw`{"identifier": "a", "title": "x\u0000y", "data": {}}`, '/title'],
    [String.raw`{"identifier": "a", "data": {"k\u0000": 1}}`, '/data/k\u0000'],
    [String.raw`{"identifier": "a", "data": {"s": "\ud800"}}`, '/data/s'],
    [String.raw`{"identifier": "a", "data": {"n": 1e400}}`, '/data/n'],
  ];
  for (const [text, path] of cases) {
    const body = await expectError(await send(text), 422, text);
    expect(
      body.error.details?.map((d) => d.path),
      text,
    ).toEqual([path]);
  }

  const bulk = await call(request, 'POST', `${entities}/bulk`, {
    token: admin.token,
    headers: JSON_HEADERS,
    body: String.raw`{"entities": [{"identifier": "ok", "data": {}}, {"identifier": "bad", "data": {"s": "\u0000"}}]}`,
  });
  const { results } = await expectJson<{ results: Array<{ status: string }> }>(bulk, 207, 'bulk with one bad item');
  expect(results.map((r) => r.status)).toEqual(['created', 'error']);
});

test('URLs: NUL in a query value or a slug, bad cursors and out-of-range dates are 4xx, never 500', async ({ request }) => {
  const admin = await register(request, 'url-admin');
  const team = await createTeam(request, admin.token);
  await createBlueprint(request, admin.token, team.slug, { id: 'svc', schema: { type: 'object' } });
  const get = (path: string) => call(request, 'GET', path, { token: admin.token });

  await expectError(await get(`/teams/${team.slug}/blueprints/svc/entities?q=a%00b`), 400, 'NUL in q');
  await expectError(await get(`/teams/${team.slug}/audit-logs?action=a%00`), 400, 'NUL in an audit filter');
  await expectError(await get(`/teams/${team.slug}%00/blueprints`), 404, 'NUL in the team slug');
  await expectError(await get(`/teams/${team.slug}/audit-logs?since=0000-01-01T00:00:00Z`), 400, 'since year 0000');
  const notUuid = cursorOf(['2024-01-01T00:00:00.000Z', 'not-a-uuid']);
  for (const list of ['members', 'api-keys', 'audit-logs']) {
    await expectError(await get(`/teams/${team.slug}/${list}?cursor=${notUuid}`), 400, `${list} cursor with a non-UUID id`);
  }
  const year0 = cursorOf(['0000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']);
  await expectError(await get(`/teams/${team.slug}/audit-logs?cursor=${year0}`), 400, 'a cursor in year 0000');
  await expectJson(
    await get(`/teams/${team.slug}/blueprints?cursor=${cursorOf(['2024-01-01T00:00:00.000Z', 'svc'])}`),
    200,
    'a blueprint cursor',
  );
});
