import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint, getBlueprint, listBlueprints } from '@/lib/blueprints/blueprint-service';
import { createEntity } from '@/lib/entities/create-entity';
import { getEntity } from '@/lib/entities/get-entity';
import { listBlueprintEntities } from '@/lib/entities/list-blueprint-entities';
import { listEntityHistory } from '@/lib/entities/list-entity-history';
import { patchEntity } from '@/lib/entities/update-entity';
import { getTeamOpenApi } from '@/lib/openapi/get-team-openapi';
import { facetEntities, parseFacetRequest } from '@/lib/search/facet-entities';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { searchEntities } from '@/lib/search/search-entities';
import { testDb } from '@/lib/test/database-per-file';
import { createTeam, teamContextOf } from '@/lib/test/fixtures';
import { getEntityGraph } from './get-entity-graph';

// Names that users choose (properties, relations, blueprint ids) become keys everywhere: a name
// that is also a property of Object.prototype (`constructor`, `toString`, `valueOf`,
// `hasOwnProperty`, `__proto__`) must read and write like any other name, never a 500 and never a
// value lost or taken from the prototype. The whole catalog runs here with such names throughout.

// Relation ids start with a letter (RELATION_ID), so `__proto__` is a property name only.
const RELATIONS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'] as const;
const PROPERTIES = [...RELATIONS, '__proto__'] as const;

// Prisma's JSON writer drops an own `__proto__` key (measured: a schema or data written through
// the Prisma client loses it, whereas raw SQL keeps it), so the `__proto__` parts are added with
// SQL after the services wrote the rest: what is tested here is that every read copes with them.
const schema = {
  type: 'object',
  properties: {
    constructor: { type: 'string' },
    toString: { type: 'number' },
    valueOf: { type: 'array', items: { type: 'string' } },
    hasOwnProperty: { type: 'boolean' },
    plain: { type: 'string' },
  },
};
const PROTO_PROPERTY = { type: 'object', properties: { constructor: { type: 'string' } } };

const serviceSchema = { type: 'object', properties: { plain: { type: 'string' } } };
const serviceData = (plain: string) => JSON.parse(`{"plain":"${plain}","__proto__":"own"}`) as Record<string, unknown>;

const dataOf = (n: number) => ({
  constructor: `c${n}`,
  toString: n,
  valueOf: [`v${n}`, 'shared'],
  hasOwnProperty: n % 2 === 0,
  plain: `p${n}`,
});

let ctx: TeamContext;

beforeAll(async () => {
  const { team, owner } = await createTeam(testDb());
  ctx = await teamContextOf(owner, team.slug);
  // A blueprint whose id is `constructor`, as the target of every relation.
  await createBlueprint(testDb(), ctx, { id: 'constructor', title: 'Constructor', schema });
  await createBlueprint(testDb(), ctx, {
    id: 'service',
    title: 'Service',
    // Relation ids may not repeat a property's name: this blueprint's properties are the others.
    schema: serviceSchema,
    relations: {
      constructor: { target: 'constructor', type: 'many-to-many' as const },
      toString: { target: 'constructor', type: 'many-to-one' as const },
      valueOf: { target: 'constructor', type: 'one-to-many' as const },
      hasOwnProperty: { target: 'constructor', type: 'one-to-one' as const },
    },
  });
  for (const n of [1, 2, 3])
    await createEntity(testDb(), ctx, 'constructor', { identifier: `t${n}`, title: `Target ${n}`, data: dataOf(n) });
  await createEntity(testDb(), ctx, 'service', {
    identifier: 's1',
    title: 'Service 1',
    data: serviceData('p1'),
    relations: { constructor: ['t1', 't2'], toString: 't1', valueOf: ['t3'], hasOwnProperty: 't2' },
  });
  await patchEntity(testDb(), ctx, 'service', 's1', { data: { plain: 'changed' } });
  const db = testDb();
  await db.$executeRaw`UPDATE blueprints SET schema = jsonb_set(schema::jsonb, '{properties,__proto__}', ${JSON.stringify(PROTO_PROPERTY)}::jsonb)::json WHERE team_id = ${ctx.team.id}::uuid AND id = 'constructor'`;
  await db.$executeRaw`UPDATE blueprints SET schema = jsonb_set(schema::jsonb, '{properties,__proto__}', '{"type":"string"}')::json WHERE team_id = ${ctx.team.id}::uuid AND id = 'service'`;
  await db.$executeRaw`UPDATE entities SET data = data || jsonb_build_object('__proto__', jsonb_build_object('constructor', 'inner' || substr(identifier, 2)))
    WHERE team_id = ${ctx.team.id}::uuid AND blueprint_id = 'constructor'`;
  await db.$executeRaw`UPDATE entities SET data = data || '{"__proto__":"own"}' WHERE team_id = ${ctx.team.id}::uuid AND blueprint_id = 'service'`;
  await db.$executeRaw`UPDATE audit_logs SET new_data = jsonb_set(new_data::jsonb, '{data,__proto__}', '"own"')
    WHERE team_id = ${ctx.team.id}::uuid AND new_data::jsonb ? 'data'`;
});

const expectedRelations = { constructor: ['t1', 't2'], toString: 't1', valueOf: ['t3'], hasOwnProperty: 't2' };

function expectOwnData(data: Record<string, unknown>, n: number) {
  for (const name of PROPERTIES) expect(Object.hasOwn(data, name), name).toBe(true);
  expect(data.constructor).toBe(`c${n}`);
  expect(data.toString).toBe(n);
  expect(data.valueOf).toEqual([`v${n}`, 'shared']);
  expect(Object.getPrototypeOf(data)).not.toBe(Array.prototype);
}

describe('names that are Object.prototype members', () => {
  it('a blueprint with such properties and relations reads back as written', async () => {
    const bp = await getBlueprint(testDb(), ctx, 'service');
    expect(Object.keys(bp.relations).sort()).toEqual([...RELATIONS].sort());
    expect(Object.keys((bp.schema as { properties: object }).properties).sort()).toEqual(['__proto__', 'plain']);
    const target = await getBlueprint(testDb(), ctx, 'constructor');
    expect(Object.keys((target.schema as { properties: object }).properties).sort()).toEqual([...PROPERTIES, 'plain'].sort());
    const all = await listBlueprints(testDb(), ctx, { limit: 50, cursor: null });
    expect(JSON.stringify(all)).toContain('"constructor"');
  });

  it('an entity read, with and without include=related, has every relation and property', async () => {
    const { entity } = await getEntity(testDb(), ctx, 'service', 's1', { includeRelated: true });
    const view = JSON.parse(JSON.stringify(entity)) as {
      data: Record<string, unknown>;
      relations: object;
      related: Record<string, unknown[]>;
    };
    expect(view.relations).toEqual(expectedRelations);
    expect(view.data).toEqual(serviceData('changed'));
    expect(Object.hasOwn(view.data, '__proto__')).toBe(true);
    const target = JSON.parse(JSON.stringify((await getEntity(testDb(), ctx, 'constructor', 't1')).entity)) as {
      data: Record<string, unknown>;
    };
    expectOwnData(target.data, 1);
    expect(Object.keys(view.related).sort()).toEqual([...RELATIONS].sort());
    expect(view.related.constructor).toEqual([
      { identifier: 't1', title: 'Target 1', blueprint: 'constructor' },
      { identifier: 't2', title: 'Target 2', blueprint: 'constructor' },
    ]);
    expect(view.related.valueOf).toEqual([{ identifier: 't3', title: 'Target 3', blueprint: 'constructor' }]);
  });

  it('the list, with include=related, shows the links of every entity', async () => {
    const { entities } = await listBlueprintEntities(testDb(), ctx, 'service', { limit: 10, cursor: null }, { includeRelated: true });
    const [view] = JSON.parse(JSON.stringify(entities)) as Array<{ relations: object; related: Record<string, unknown[]> }>;
    expect(view.relations).toEqual(expectedRelations);
    expect(view.related.toString).toEqual([{ identifier: 't1', title: 'Target 1', blueprint: 'constructor' }]);
    const targets = await listBlueprintEntities(
      testDb(),
      ctx,
      'constructor',
      { limit: 10, cursor: null },
      { sort: [{ property: 'toString', order: 'desc', path: 'sort[0]' }] },
    );
    expect(targets.entities.map((e) => e.identifier)).toEqual(['t3', 't2', 't1']);
  });

  it('searches on such properties and through such relations', async () => {
    const search = async (bp: string, rules: unknown[]) =>
      (await searchEntities(testDb(), ctx, bp, parseSearchBody({ query: { rules } }), { withTotal: true })).entities.map(
        (e) => e.identifier,
      );
    expect(await search('constructor', [{ property: 'constructor', operator: '=', value: 'c2' }])).toEqual(['t2']);
    expect(await search('constructor', [{ property: 'toString', operator: '>=', value: 2 }]).then((ids) => ids.sort())).toEqual([
      't2',
      't3',
    ]);
    expect(await search('constructor', [{ property: 'valueOf', operator: 'contains', value: 'v3' }])).toEqual(['t3']);
    expect(await search('constructor', [{ property: 'hasOwnProperty', operator: '=', value: true }])).toEqual(['t2']);
    expect(await search('constructor', [{ property: '__proto__.constructor', operator: '=', value: 'inner1' }])).toEqual(['t1']);
    expect(await search('service', [{ property: 'constructor.toString', operator: '=', value: 2 }])).toEqual(['s1']);
    expect(await search('service', [{ property: 'valueOf.$identifier', operator: '=', value: 't3' }])).toEqual(['s1']);
    expect(
      await search('service', [{ operator: 'relatedTo', blueprint: 'constructor', value: ['t3'], direction: 'downstream', max_hops: 1 }]),
    ).toEqual(['s1']);
  });

  it('a merge patch of such relations changes only the one named', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 's2', data: {}, relations: { toString: 't2' } });
    const { entity } = await patchEntity(testDb(), ctx, 'service', 's2', { relations: { valueOf: ['t1'], toString: null } });
    expect(JSON.parse(JSON.stringify(entity)).relations).toEqual({ valueOf: ['t1'] });
    const again = await patchEntity(testDb(), ctx, 'service', 's2', { relations: { constructor: ['t3'] } });
    expect(JSON.parse(JSON.stringify(again.entity)).relations).toEqual({ constructor: ['t3'], valueOf: ['t1'] });
  });

  it('a property path that the schema does not declare is a 400, not a prototype member', async () => {
    const body = parseSearchBody({ query: { rules: [{ property: 'plain.constructor', operator: 'exists' }] } });
    await expect(searchEntities(testDb(), ctx, 'constructor', body, { withTotal: false })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('facets count such properties', async () => {
    const facet = async (property: string) =>
      (await facetEntities(testDb(), ctx, 'constructor', parseFacetRequest({ property, query: null, q: null, limit: null }))).values;
    expect(await facet('hasOwnProperty')).toEqual(
      expect.arrayContaining([
        { value: true, count: 1 },
        { value: false, count: 2 },
      ]),
    );
    expect((await facet('valueOf')).find((v) => v.value === 'shared')).toEqual({ value: 'shared', count: 3 });
    expect(await facet('constructor')).toHaveLength(3);
  });

  it('the graph follows such relations', async () => {
    const graph = await getEntityGraph(testDb(), ctx, 'service', 's1', { direction: 'both', maxHops: 1, limit: 50 });
    expect(graph.nodes.map((n) => n.identifier).sort()).toEqual(['s1', 't1', 't2', 't3']);
    expect(new Set(graph.edges.map((e) => e.relation))).toEqual(new Set(RELATIONS));
  });

  it('the history lists both versions with their data', async () => {
    const history = await listEntityHistory(testDb(), ctx, 'service', 's1', { limit: 10, cursor: null });
    const versions = JSON.parse(JSON.stringify(history)) as { versions?: unknown[]; items?: unknown[] };
    expect(JSON.stringify(versions)).toContain('"plain":"p1","__proto__":"own"');
    expect(JSON.stringify(versions)).toContain('"plain":"changed","__proto__":"own"');
  });

  it("the team's OpenAPI document types such properties and relations", async () => {
    const text = JSON.stringify((await getTeamOpenApi(testDb(), ctx, 'http://localhost')).build());
    expect(text).toContain('"hasOwnProperty"');
    expect(text).toContain('"__proto__"');
  });
});
