import { expect, test, type APIRequestContext } from '@playwright/test';
import { call, createBlueprint, createTeam, expectError, expectJson, newApiContext, register, type Session } from './support/api';

// Catalog search through the real server (API.md "Search body"): typed rules, nested groups,
// sorts by data properties with keyset pages forward to the end, the capped total, facets over
// GET and POST under the same query, the list route's sort and q, and hostile bodies: each a 400
// that names its culprit, never a 500.

type Entity = { identifier: string; title: string | null; data: Record<string, unknown> };
type SearchResult = { entities: Entity[]; next_cursor: string | null; total: number; total_relation: 'eq' | 'gte' };

const SCHEMA = {
  type: 'object',
  properties: {
    version: { type: 'string', format: 'semver' },
    lifecycle: { type: 'string', enum: ['experimental', 'production', 'deprecated'] },
    tier: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' } },
    released: { type: 'string', format: 'date-time' },
    meta: { type: 'object', properties: { env: { type: 'string' } } },
  },
};

const VERSIONS = ['0.9.0', '1.0.0-alpha', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0', '1.2.0', '1.10.0', '2.0.0', '10.0.0'];

let api: APIRequestContext;
let admin: Session;
let base: string;

test.beforeAll(async () => {
  api = await newApiContext();
  admin = await register(api, 'search');
  const team = (await createTeam(api, admin.token)).slug;
  await createBlueprint(api, admin.token, team, { id: 'service', schema: SCHEMA });
  base = `/teams/${team}/blueprints/service`;
  const entities = VERSIONS.map((version, i) => ({
    identifier: `svc-${i}`,
    title: i === 3 ? 'Payments Gateway' : `Service ${i}`,
    data: {
      version,
      lifecycle: ['experimental', 'production', 'deprecated'][i % 3],
      tier: (i % 4) + 1,
      tags: i % 2 ? ['postgres', 'redis'] : ['kafka'],
      released: `2026-0${(i % 9) + 1}-15T12:00:00Z`,
      ...(i % 3 === 1 && { meta: { env: 'production' } }),
    },
  }));
  const res = await call(api, 'POST', `${base}/entities/bulk`, { token: admin.token, body: { entities } });
  await expectJson(res, 200, 'bulk seed');
});
test.afterAll(async () => {
  await api.dispose();
});

const search = async (body: unknown, status = 200) => {
  const res = await call(api, 'POST', `${base}/entities/search`, { token: admin.token, body });
  return status === 200 ? expectJson<SearchResult>(res, 200, `search ${JSON.stringify(body).slice(0, 200)}`) : res;
};
const ids = (r: SearchResult) => r.entities.map((e) => e.identifier);

test('typed rules in nested groups: versions by precedence, enums, arrays, nested properties', async () => {
  const body = {
    query: {
      combinator: 'and',
      rules: [
        { property: 'version', operator: '>=', value: '1.0.0-beta.11' },
        {
          combinator: 'or',
          rules: [
            { property: 'meta.env', operator: '=', value: 'production' },
            { property: 'tags', operator: 'containsAny', value: ['kafka'] },
          ],
        },
      ],
    },
    sort: [{ property: 'version', order: 'asc' }],
  };
  const result = (await search(body)) as SearchResult;
  // >= 1.0.0-beta.11: svc-3..8; of those env=production (i%3==1: 4, 7) or kafka (even: 4, 6, 8); 1.0.0 < 1.10.0 < 2.0.0 < 10.0.0.
  expect(ids(result)).toEqual(['svc-4', 'svc-6', 'svc-7', 'svc-8']);
  expect(result).toMatchObject({ total: 4, total_relation: 'eq', next_cursor: null });
});

test('sorted pages walk forward with cursors to the end, and a page can be fetched again from its cursor', async () => {
  const sort = [{ property: 'version', order: 'desc' }];
  const seen: string[] = [];
  const cursors: Array<string | null> = [null];
  for (;;) {
    const page = (await search({ sort, limit: 2, cursor: cursors.at(-1) })) as SearchResult;
    seen.push(...ids(page));
    expect(page.total).toBe(VERSIONS.length);
    if (!page.next_cursor) break;
    cursors.push(page.next_cursor);
  }
  const byVersionDesc = VERSIONS.map((v, i) => [v, `svc-${i}`])
    .reverse()
    .map(([, id]) => id);
  expect(seen).toEqual(byVersionDesc);
  // "Back": the cursor of an earlier page gives that page again.
  const again = (await search({ sort, limit: 2, cursor: cursors[2] })) as SearchResult;
  expect(ids(again)).toEqual(byVersionDesc.slice(4, 6));
});

test('the list route sorts (data.version, -title) and searches with q', async () => {
  const res = await call(api, 'GET', `${base}/entities?sort=data.version&limit=3`, { token: admin.token });
  const page = await expectJson<{ entities: Entity[]; next_cursor: string }>(res, 200, 'list sorted');
  expect(page.entities.map((e) => e.data.version)).toEqual(['0.9.0', '1.0.0-alpha', '1.0.0-beta.2']);
  const next = await expectJson<{ entities: Entity[] }>(
    await call(api, 'GET', `${base}/entities?sort=data.version&limit=3&cursor=${page.next_cursor}`, { token: admin.token }),
    200,
    'next',
  );
  expect(next.entities.map((e) => e.data.version)).toEqual(['1.0.0-beta.11', '1.0.0', '1.2.0']);
  const q = await expectJson<{ entities: Entity[] }>(
    await call(api, 'GET', `${base}/entities?q=payments%20GATE`, { token: admin.token }),
    200,
    'q',
  );
  expect(q.entities.map((e) => e.identifier)).toEqual(['svc-3']);
  const wrongCursor = await call(api, 'GET', `${base}/entities?sort=-title&cursor=${page.next_cursor}`, { token: admin.token });
  expect((await expectError(wrongCursor, 400, 'a cursor of another sort')).error.message).toContain('cursor');
});

test('facets count values under the same query, over GET and POST', async () => {
  const query = { rules: [{ property: 'tier', operator: '<=', value: 2 }] };
  const get = await call(api, 'GET', `${base}/facets?property=tags&query=${encodeURIComponent(JSON.stringify(query))}`, {
    token: admin.token,
  });
  // tier = i%4+1 <= 2: i in 0,1,4,5,8 -> kafka (0,4,8), postgres+redis (1,5).
  expect(await expectJson(get, 200, 'facets GET')).toEqual({
    values: [
      { value: 'kafka', count: 3 },
      { value: 'postgres', count: 2 },
      { value: 'redis', count: 2 },
    ],
  });
  // lifecycle of i = 0, 1, 4, 5, 8: experimental 1, production 2, deprecated 2 (ties by value).
  const post = await call(api, 'POST', `${base}/facets`, { token: admin.token, body: { property: 'lifecycle', query, limit: 2 } });
  expect(await expectJson(post, 200, 'facets POST')).toEqual({
    values: [
      { value: 'deprecated', count: 2 },
      { value: 'production', count: 2 },
    ],
  });
  const bad = await call(api, 'GET', `${base}/facets?property=tags&query=%7Bnope`, { token: admin.token });
  expect((await expectError(bad, 400, 'facets with broken JSON')).error.message).toContain('query');
});

test('faults are 400s that name the rule, and hostile bodies never reach a 500', async () => {
  const cases: Array<[string, unknown, RegExp]> = [
    [
      'unknown property',
      { query: { rules: [{ property: 'nope', operator: '=', value: 1 }] } },
      /^query\.rules\[0\]\.property: unknown property "nope"/,
    ],
    [
      'wrong value type',
      { query: { rules: [{ property: 'tier', operator: '>', value: 'high' }] } },
      /^query\.rules\[0\]\.value: must be a number/,
    ],
    [
      'operator that does not fit',
      { query: { rules: [{ property: 'tags', operator: '>', value: 'x' }] } },
      /^query\.rules\[0\]\.operator: ">" does not apply/,
    ],
    [
      'nested path',
      { query: { rules: [{ rules: [{ property: 'version', operator: '<', value: '2' }] }] } },
      /^query\.rules\[0\]\.rules\[0\]\.value: must be a semantic version/,
    ],
    [
      'relatedTo with a property',
      { query: { rules: [{ property: 'tier', operator: 'relatedTo', value: 'x' }] } },
      /^query\.rules\[0\]: unknown field "property" of a relatedTo rule/,
    ],
    ['limit 0', { limit: 0 }, /^limit: must be an integer from 1 to 1000/],
    ['limit 5000', { limit: 5000 }, /^limit:/],
    ['garbage cursor', { cursor: "'); drop table entities; --" }, /cursor is not valid/],
    [
      'SQL in a property',
      { query: { rules: [{ property: "version'); drop table entities; --", operator: 'exists' }] } },
      /unknown property/,
    ],
    ['JSON in a property', { query: { rules: [{ property: '{"a":1}', operator: 'exists' }] } }, /unknown property/],
    [
      'huge in list',
      { query: { rules: [{ property: 'tier', operator: 'in', value: Array.from({ length: 1001 }, (_, i) => i) }] } },
      /at most 1000 values/,
    ],
    ['deep nesting', { query: JSON.parse('{"rules":['.repeat(20) + ']}'.repeat(20)) }, /nest at most 8 deep/],
    ['deeper than any body may be', { query: JSON.parse('{"rules":['.repeat(200) + ']}'.repeat(200)) }, /nests deeper than 64 levels/],
    [
      'too many rules',
      { query: { rules: Array.from({ length: 201 }, () => ({ property: 'tier', operator: 'exists' })) } },
      /at most 200 rules/,
    ],
    [
      'very long string',
      { query: { rules: [{ property: 'meta.env', operator: 'contains', value: 'x'.repeat(5000) }] } },
      /longer than 1000/,
    ],
    ['unknown field', { query: null, colour: 'red' }, /unknown field "colour"/],
    ['not an object', [1, 2], /JSON object/],
  ];
  for (const [name, body, message] of cases) {
    const res = (await search(body, 400)) as import('@playwright/test').APIResponse;
    const error = await expectError(res, 400, name);
    expect(error.error.message, name).toMatch(message);
  }
  // A NUL character can be neither stored nor compared: 422 naming where it is.
  const nul = (await search(
    { query: { rules: [{ property: 'meta.env', operator: '=', value: 'a\u0000b' }] } },
    422,
  )) as import('@playwright/test').APIResponse;
  expect((await expectError(nul, 422, 'NUL in a value')).error.details).toEqual([
    { path: '/query/rules/0/value', message: expect.stringMatching(/NUL/) },
  ]);
  // The catalog is intact after all of that.
  expect(((await search({})) as SearchResult).total).toBe(VERSIONS.length);
});

test('a query too big in all is a 400 naming the limit; one large list still answers (issue 11)', async () => {
  // 200 rules of 500 values: each rule within its own caps, 100,000 values in all (~0.6 MB of JSON,
  // under the 1 MiB body limit as in the issue).
  const rules = Array.from({ length: 200 }, (_, r) => ({
    property: 'tier',
    operator: 'in',
    value: Array.from({ length: 500 }, (_, v) => r * 500 + v),
  }));
  const res = (await search({ query: { combinator: 'or', rules } }, 400)) as import('@playwright/test').APIResponse;
  const error = await expectError(res, 400, '200 x 500');
  expect(error.error.message).toMatch(/maxTotalValues/);
  expect(error.error.details).toMatchObject({
    reason: 'query_too_large',
    limit: 'maxTotalValues',
    max: 2000,
    path: 'query.rules[4].value',
  });
  // The same over the facets route (GET, the query in the URL would be too long: POST).
  const facets = await call(api, 'POST', `${base}/facets`, {
    token: admin.token,
    body: { property: 'tier', query: { combinator: 'or', rules } },
  });
  expect((await expectError(facets, 400, 'facets 200 x 500')).error.details).toMatchObject({ limit: 'maxTotalValues' });
  // One list of 1000 values (past the inline budget: compared as one hashed array) answers exactly.
  const values = ['production', ...Array.from({ length: 999 }, (_, i) => `absent-${i}`)];
  const found = (await search({ query: { rules: [{ property: 'meta.env', operator: 'in', value: values }] } })) as SearchResult;
  expect(found.total).toBe(VERSIONS.filter((_, i) => i % 3 === 1).length);
  expect(found.entities.every((e) => (e.data.meta as { env: string }).env === 'production')).toBe(true);
});
