import { expect, test, type APIRequestContext } from '@playwright/test';
import { call, createBlueprint, createTeam, expectError, expectJson, register, type Session } from './support/api';

// Relations through the real server (API.md "Blueprints", "Entities", "Search body" and the
// relations issue): definitions in the blueprint body, links in the entity body on every write,
// the graph route, relatedTo and rules through a relation, with their status codes: 200, 201,
// 204, 207, 400, 409, 422. Each test seeds its own team.

type Entity = { id: string; identifier: string; relations: Record<string, unknown> };
type Graph = {
  nodes: Array<{ id: string; identifier: string; blueprint: string; title: string | null }>;
  edges: Array<{ source: string; target: string; relation: string }>;
  truncated: boolean;
};

const SCHEMA = { type: 'object', properties: { region: { type: 'string' } } };

async function world(api: APIRequestContext, type = 'many-to-one') {
  const admin: Session = await register(api, 'rel');
  const team = await createTeam(api, admin.token);
  await createBlueprint(api, admin.token, team.slug, { id: 'cluster', schema: SCHEMA });
  await createBlueprint(api, admin.token, team.slug, {
    id: 'service',
    schema: SCHEMA,
    relations: { runs_on: { title: 'Runs on', target: 'cluster', type, required: false } },
  });
  const base = `/teams/${team.slug}/blueprints`;
  for (const [id, region] of [
    ['c-eu', 'eu'],
    ['c-us', 'us'],
  ]) {
    expect(
      (await call(api, 'POST', `${base}/cluster/entities`, { token: admin.token, body: { identifier: id, data: { region } } })).status(),
    ).toBe(201);
  }
  const as = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    call(api, method, `${base}${path}`, { token: admin.token, body });
  return { admin, team, base, as };
}

test('blueprint relations: saved and returned; a missing target, a clash with a property, a bad type or field are refused', async ({
  request,
}) => {
  const { as } = await world(request);
  const bp = await expectJson<{ relations: unknown }>(await as('GET', '/service'), 200, 'GET service');
  expect(bp.relations).toEqual({ runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one', required: false } });
  const missing = await expectError(
    await as('POST', '', { id: 'a', title: 'A', schema: SCHEMA, relations: { x: { target: 'nope' } } }),
    422,
    'missing target',
  );
  expect(missing.error.details).toEqual([{ path: '/relations/x/target', message: expect.stringContaining('nope') }]);
  const clash = await expectError(
    await as('POST', '', { id: 'b', title: 'B', schema: SCHEMA, relations: { region: { target: 'cluster' } } }),
    422,
    'id clashes with a property',
  );
  expect(clash.error.details?.[0].path).toBe('/relations/region');
  await expectError(
    await as('POST', '', { id: 'c', title: 'C', schema: SCHEMA, relations: { x: { target: 'cluster', type: 'some-to-some' } } }),
    422,
    'unknown type',
  );
  await expectError(
    await as('POST', '', { id: 'd', title: 'D', schema: SCHEMA, relations: { x: { target: 'cluster', colour: 'red' } } }),
    400,
    'unknown field in a relation',
  );
  await expectError(
    await as('POST', '', { id: 'e', title: 'E', schema: SCHEMA, relations: { 'has.dot': { target: 'cluster' } } }),
    422,
    'relation id with a dot',
  );
});

test('entity links: create, GET, list, PATCH null, PUT; unknown relation, missing target and an array on many-to-one are 422s naming the relation', async ({
  request,
}) => {
  const { as } = await world(request);
  const created = await expectJson<Entity>(
    await as('POST', '/service/entities', { identifier: 's1', data: {}, relations: { runs_on: 'c-eu' } }),
    201,
    'create with a link',
  );
  expect(created.relations).toEqual({ runs_on: 'c-eu' });
  expect((await expectJson<Entity>(await as('GET', '/service/entities/s1'), 200, 'GET')).relations).toEqual({ runs_on: 'c-eu' });
  const list = await expectJson<{ entities: Entity[] }>(await as('GET', '/service/entities'), 200, 'list');
  expect(list.entities.map((e) => e.relations)).toEqual([{ runs_on: 'c-eu' }]);
  for (const [relations, path, what] of [
    [{ hosted_by: 'c-eu' }, '/relations/hosted_by', 'unknown relation'],
    [{ runs_on: 'c-mars' }, '/relations/runs_on', 'missing target'],
    [{ runs_on: ['c-eu', 'c-us'] }, '/relations/runs_on', 'an array on many-to-one'],
  ] as const) {
    const error = await expectError(await as('POST', '/service/entities', { identifier: 's2', data: {}, relations }), 422, what);
    expect(
      error.error.details?.map((d) => d.path),
      what,
    ).toEqual([path]);
  }
  await expectError(
    await as('POST', '/service/entities', { identifier: 's2', data: {}, relations: { runs_on: 5 } }),
    422,
    'a number as a target',
  );
  expect(
    (await expectJson<Entity>(await as('PATCH', '/service/entities/s1', { relations: { runs_on: null } }), 200, 'PATCH null')).relations,
  ).toEqual({});
  expect(
    (await expectJson<Entity>(await as('PUT', '/service/entities/s1', { data: {}, relations: { runs_on: 'c-us' } }), 200, 'PUT')).relations,
  ).toEqual({ runs_on: 'c-us' });
  const bulk = await as('POST', '/service/entities/bulk', {
    entities: [
      { identifier: 'b1', data: {}, relations: { runs_on: 'c-eu' } },
      { identifier: 'b2', data: {}, relations: { runs_on: 'nope' } },
    ],
  });
  const results = await expectJson<{ results: Array<{ status: string }> }>(bulk, 207, 'bulk with one bad link');
  expect(results.results.map((r) => r.status)).toEqual(['created', 'error']);
});

test('one-to-one: a second source for the same target is a 422 naming the holder', async ({ request }) => {
  const { as } = await world(request, 'one-to-one');
  expect((await as('POST', '/service/entities', { identifier: 's1', data: {}, relations: { runs_on: 'c-eu' } })).status()).toBe(201);
  const error = await expectError(
    await as('POST', '/service/entities', { identifier: 's2', data: {}, relations: { runs_on: 'c-eu' } }),
    422,
    'second source',
  );
  expect(error.error.details).toEqual([{ path: '/relations/runs_on', message: expect.stringContaining('"s1"') }]);
});

test('deleting a target: dry run (200) names the links, DELETE (204) removes them; a relation change that costs links is 409 unless force', async ({
  request,
}) => {
  const { as } = await world(request);
  expect((await as('POST', '/service/entities', { identifier: 's1', data: {}, relations: { runs_on: 'c-eu' } })).status()).toBe(201);
  expect((await as('POST', '/service/entities', { identifier: 's2', data: {}, relations: { runs_on: 'c-us' } })).status()).toBe(201);
  const dry = await expectJson<{ would_delete: { incoming_links: { count: number; sample: unknown[] } } }>(
    await as('DELETE', '/cluster/entities/c-eu?dry_run=true'),
    200,
    'dry run',
  );
  expect(dry.would_delete.incoming_links).toEqual({
    count: 1,
    sample: [{ blueprint: 'service', identifier: 's1', title: null, relation: 'runs_on' }],
  });
  expect((await as('GET', '/cluster/entities/c-eu')).status()).toBe(200);
  expect((await as('DELETE', '/cluster/entities/c-eu')).status()).toBe(204);
  expect((await expectJson<Entity>(await as('GET', '/service/entities/s1'), 200, 'source after')).relations).toEqual({});
  // Removing the relation would remove s2's link: 409 with the count, then forced.
  const refused = await expectError(await as('PATCH', '/service', { relations: {} }), 409, 'relation removal');
  expect(refused.error.details).toEqual({ reason: 'relation_impact', relations: [{ relation: 'runs_on', change: 'removed', links: 1 }] });
  expect((await as('PATCH', '/service?force=true', { relations: {} })).status()).toBe(200);
  expect((await expectJson<Entity>(await as('GET', '/service/entities/s2'), 200, 's2 after')).relations).toEqual({});
});

test('search: relatedTo and rules through a relation (200); bad relatedTo fields are 400s', async ({ request }) => {
  const { as } = await world(request);
  for (const [id, cluster] of [
    ['s-eu', 'c-eu'],
    ['s-us', 'c-us'],
  ])
    expect((await as('POST', '/service/entities', { identifier: id, data: {}, relations: { runs_on: cluster } })).status()).toBe(201);
  const search = async (query: unknown) => {
    const body = await expectJson<{ entities: Entity[]; total: number }>(
      await as('POST', '/service/entities/search', { query }),
      200,
      JSON.stringify(query),
    );
    return body.entities.map((e) => e.identifier).sort();
  };
  expect(
    await search({ rules: [{ operator: 'relatedTo', blueprint: 'cluster', value: 'c-eu', direction: 'downstream', max_hops: 1 }] }),
  ).toEqual(['s-eu']);
  expect(
    await search({
      rules: [{ operator: 'relatedTo', blueprint: 'cluster', value: ['c-eu', 'c-us'], direction: 'downstream', max_hops: 15 }],
    }),
  ).toEqual(['s-eu', 's-us']);
  expect(await search({ rules: [{ property: 'runs_on.region', operator: '=', value: 'us' }] })).toEqual(['s-us']);
  expect(await search({ rules: [{ property: 'runs_on.$identifier', operator: '!=', value: 'c-us' }] })).toEqual(['s-eu']);
  for (const [rule, message] of [
    [
      { operator: 'relatedTo', blueprint: 'cluster', value: 'c-eu', direction: 'downstream', max_hops: 16 },
      /max_hops: must be an integer from 1 to 15/,
    ],
    [{ operator: 'relatedTo', blueprint: 'cluster', value: 'c-eu', direction: 'sideways' }, /direction/],
    [{ operator: 'relatedTo', blueprint: 'ghost', value: 'c-eu', direction: 'upstream' }, /no blueprint "ghost"/],
    [{ property: 'runs_on.colour', operator: '=', value: 'x' }, /unknown property "colour"/],
  ] as const) {
    const error = await expectError(await as('POST', '/service/entities/search', { query: { rules: [rule] } }), 400, JSON.stringify(rule));
    expect(error.error.message).toMatch(message);
  }
});

test('the graph: nodes and edges around an entity (200); bad parameters are 400s; an unknown entity is 404', async ({ request }) => {
  const { as } = await world(request);
  expect(
    (await as('POST', '/service/entities', { identifier: 's1', title: 'Service one', data: {}, relations: { runs_on: 'c-eu' } })).status(),
  ).toBe(201);
  expect((await as('POST', '/service/entities', { identifier: 's2', data: {}, relations: { runs_on: 'c-eu' } })).status()).toBe(201);
  // From the cluster, both ways: the services on it. From s1: its cluster only; s2 merely shares it.
  const graph = await expectJson<Graph>(await as('GET', '/cluster/entities/c-eu/graph?direction=both&max_hops=2'), 200, 'graph');
  const name = new Map(graph.nodes.map((n) => [n.id, n.identifier]));
  expect([...name.values()].sort()).toEqual(['c-eu', 's1', 's2']);
  expect(graph.edges.map((e) => `${name.get(e.source)} ${e.relation} ${name.get(e.target)}`).sort()).toEqual([
    's1 runs_on c-eu',
    's2 runs_on c-eu',
  ]);
  expect(graph.truncated).toBe(false);
  const fromS1 = await expectJson<Graph>(await as('GET', '/service/entities/s1/graph?direction=both&max_hops=2'), 200, 'graph of s1');
  expect(fromS1.nodes.map((n) => n.identifier).sort()).toEqual(['c-eu', 's1']);
  const up = await expectJson<Graph>(await as('GET', '/service/entities/s1/graph?direction=upstream&max_hops=5'), 200, 'upstream');
  expect(up.nodes.map((n) => n.identifier).sort()).toEqual(['c-eu', 's1']);
  const cut = await expectJson<Graph>(await as('GET', '/cluster/entities/c-eu/graph?limit=2'), 200, 'limited');
  expect([cut.nodes.length, cut.truncated]).toEqual([2, true]);
  for (const query of ['direction=sideways', 'max_hops=6', 'max_hops=0', 'limit=1001', 'colour=red']) {
    await expectError(await as('GET', `/service/entities/s1/graph?${query}`), 400, query);
  }
  await expectError(await as('GET', '/service/entities/nope/graph'), 404, 'unknown entity');
});

test("include=related: the linked entities' titles on the list, the search and one entity; a rename in the blueprint keeps the links; a bad include is 400", async ({
  request,
}) => {
  const { as } = await world(request, 'many-to-many');
  await as('PATCH', '/cluster/entities/c-eu', { title: 'EU cluster' });
  expect((await as('POST', '/service/entities', { identifier: 'api', data: {}, relations: { runs_on: ['c-eu', 'c-us'] } })).status()).toBe(
    201,
  );
  expect((await as('POST', '/service/entities', { identifier: 'web', data: {} })).status()).toBe(201);
  const related = {
    runs_on: [
      { identifier: 'c-eu', title: 'EU cluster', blueprint: 'cluster' },
      { identifier: 'c-us', title: null, blueprint: 'cluster' },
    ],
  };

  const list = await expectJson<{ entities: Array<Entity & { related?: unknown }> }>(
    await as('GET', '/service/entities?sort=identifier&include=related'),
    200,
    'list',
  );
  expect(list.entities.map((e) => [e.identifier, e.related])).toEqual([
    ['api', related],
    ['web', {}],
  ]);
  const plain = await expectJson<{ entities: Array<Entity & { related?: unknown }> }>(
    await as('GET', '/service/entities'),
    200,
    'list without include',
  );
  expect(plain.entities.every((e) => !('related' in e))).toBe(true);
  const search = await expectJson<{ entities: Array<Entity & { related?: unknown }> }>(
    await as('POST', '/service/entities/search?include=related', {
      query: { combinator: 'and', rules: [{ property: 'runs_on.$identifier', operator: '=', value: 'c-eu' }] },
    }),
    200,
    'search',
  );
  expect(search.entities.map((e) => e.related)).toEqual([related]);
  expect((await expectJson<{ related: unknown }>(await as('GET', '/service/entities/api?include=related'), 200, 'one')).related).toEqual(
    related,
  );

  await expectError(await as('GET', '/service/entities?include=everything'), 400, 'unknown include');
  await expectError(await as('GET', '/service/entities/api?include=related,owners'), 400, 'unknown include in a list');

  // Renaming the relation (renamed_from) keeps the links under the new id.
  const renamed = await as('PUT', '/service', {
    title: 'Service',
    schema: SCHEMA,
    relations: { hosted_on: { target: 'cluster', renamed_from: 'runs_on' } },
  });
  await expectJson(renamed, 200, 'rename');
  expect((await expectJson<Entity>(await as('GET', '/service/entities/api'), 200, 'after rename')).relations).toEqual({
    hosted_on: ['c-eu', 'c-us'],
  });
  await expectError(
    await as('PUT', '/service', { title: 'Service', schema: SCHEMA, relations: { x: { target: 'cluster', renamed_from: 'runs_on' } } }),
    422,
    'rename of a relation that is gone',
  );
});
