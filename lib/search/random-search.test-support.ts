import { DATE_PRESETS } from '@/lib/domain/date-presets';
import type { EvalEntity } from './evaluate-query';
import { resolveProperty } from './resolve-property';
import type { Operator } from './search-types';
import { operatorsFor } from './type-query';

// Seeded generators for the differential test (search-differential.int.test.ts): a blueprint with
// every property type, entities with odd values (nulls, missing keys, wrong JSON types, unicode,
// LIKE metacharacters, quotes), links between them through two relations of the blueprint to
// itself (cycles included), and random search bodies over them, relatedTo and rules on related
// entities' properties included. Deterministic per seed.

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof rng>;

export const SCHEMA = {
  type: 'object',
  properties: {
    n: { type: 'number' },
    count: { type: 'integer' },
    s: { type: 'string' },
    status: { type: 'string', enum: ['active', 'deprecated', 'retired'] },
    flag: { type: 'boolean' },
    at: { type: 'string', format: 'date-time' },
    day: { type: 'string', format: 'date' },
    version: { type: 'string', format: 'semver' },
    tags: { type: 'array', items: { type: 'string' } },
    scores: { type: 'array', items: { type: 'number' } },
    meta: {
      type: 'object',
      properties: { env: { type: 'string' }, level: { type: 'integer' }, deep: { type: 'object', properties: { x: { type: 'string' } } } },
    },
    'we\'ird "key"); drop table entities; --': { type: 'string' },
    anything: {},
  },
};

const PROPERTIES = [
  'n',
  'count',
  's',
  'status',
  'flag',
  'at',
  'day',
  'version',
  'tags',
  'scores',
  'meta',
  'meta.env',
  'meta.level',
  'meta.deep.x',
  'we\'ird "key"); drop table entities; --',
  'anything',
  '$identifier',
  '$title',
  '$created_at',
  '$updated_at',
  '$created_by',
];

export const STRINGS = [
  'alpha',
  'Alpha',
  'ALPHA',
  'alphabet',
  'beta',
  'béta',
  'BÉTA',
  'gamma ray',
  '100%',
  '100',
  'under_score',
  'underXscore',
  'back\\slash',
  "quote's",
  '"dq"',
  '日本語',
  '🚀 rocket',
  'Ωmega',
  'ωmega',
  '',
  ' ',
  'a%b',
  'zeta',
  'Zeta',
  'ünïcode',
  "'); drop table entities; --",
  '{}',
  'x'.repeat(60),
];
const NUMBERS = [0, -1, 1, 2, 2.5, 3, 10, 100, -0.5, 1e6, 0.1, 42, 7, 1e20];
export const VERSIONS = [
  '1.0.0',
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0+build.5',
  '2.0.0',
  '2.10.0',
  '2.9.0',
  '10.0.0',
  '0.0.1',
  '1.2.3',
  '1.2.3-0',
  '1.2.3-a-b',
  '1.2.3--',
  '1.2.3-01a',
];
const BAD_VERSIONS = ['not-a-version', '1.2', 'v1.2.3', '01.2.3'];
const TAGS = ['postgres', 'redis', 'kafka', 'Redis', '日本', '', 'a"b', '%'];
const USERS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'ffffffff-0000-4000-8000-000000000003'];
export const NOW = new Date('2026-03-15T10:30:00.000Z');
const BASE = Date.parse('2026-03-01T00:00:00.000Z');
const DAY = 86_400_000;

function datetime(r: Rng): string {
  const t = BASE + (r.int(60) - 30) * DAY + r.pick([0, 1, 999, 3_600_000, 43_200_123]);
  const iso = new Date(t).toISOString();
  if (r.chance(0.2)) {
    // The same kind of instant with an offset: +02:00 is two hours earlier in UTC terms.
    return `${new Date(t + 2 * 3_600_000).toISOString().slice(0, 23)}+02:00`;
  }
  return r.chance(0.1) ? iso.replace('.000Z', 'Z') : iso;
}

function date(r: Rng): string {
  return new Date(BASE + (r.int(60) - 30) * DAY).toISOString().slice(0, 10);
}

/** A value for `prop` of its type (mostly), or something odd. undefined = leave the key out. */
function valueFor(r: Rng, prop: string): unknown {
  const roll = r.next();
  if (roll < 0.15) return undefined;
  if (roll < 0.2) return null;
  if (roll < 0.26) return r.pick<unknown>(['5', 5, true, ['alpha'], { a: 1 }, [], {}, '', 'not a date', '2026-02-30T00:00:00Z']);
  switch (prop) {
    case 'n':
      return r.pick(NUMBERS);
    case 'count':
      return r.int(20) - 5;
    case 's':
    case 'we\'ird "key"); drop table entities; --':
      return r.pick(STRINGS);
    case 'status':
      return r.pick(['active', 'deprecated', 'retired']);
    case 'flag':
      return r.chance(0.5);
    case 'at':
      return datetime(r);
    case 'day':
      return date(r);
    case 'version':
      return r.chance(0.1) ? r.pick(BAD_VERSIONS) : r.pick(VERSIONS);
    case 'tags':
      return Array.from({ length: r.int(4) }, () => r.pick(TAGS));
    case 'scores':
      return Array.from({ length: r.int(4) }, () => r.pick(NUMBERS));
    case 'anything':
      return r.pick<unknown>([1, 'alpha', [1, 2], { k: 'v' }, true, '']);
    default:
      throw new Error(prop);
  }
}

function meta(r: Rng): unknown {
  if (r.chance(0.1)) return undefined;
  if (r.chance(0.05)) return r.pick<unknown>(['meta', [{ env: 'prod' }], null, {}]);
  const m: Record<string, unknown> = {};
  const env = r.chance(0.8) ? r.pick(['prod', 'Prod', 'staging', 'dev', '', 'prod ']) : undefined;
  if (env !== undefined) m.env = env;
  if (r.chance(0.7)) m.level = r.int(5);
  if (r.chance(0.5)) m.deep = r.chance(0.9) ? { x: r.pick(STRINGS) } : 'flat';
  return m;
}

export type SeedEntity = Omit<EvalEntity, 'id'>;

/** The blueprint's relations, both to itself: many targets, and one. */
export const RELATIONS = { dep: 'many-to-many', host: 'many-to-one' } as const;
export type RelationName = keyof typeof RELATIONS;
const RELATION_PROPERTIES = [
  'dep.$identifier',
  'dep.n',
  'dep.status',
  'dep.tags',
  'dep.meta.env',
  'dep.version',
  'host.s',
  'host.$title',
  'host.$identifier',
  'host.flag',
  'host.at',
];

/** Links by entity index: about half the entities depend on 1-3 others (themselves too), some have a host. */
export function generateLinks(r: Rng, count: number): Array<{ relation: RelationName; source: number; target: number }> {
  const links = new Map<string, { relation: RelationName; source: number; target: number }>();
  for (let source = 0; source < count; source++) {
    if (r.chance(0.5)) {
      for (let k = 1 + r.int(3); k > 0; k--) {
        const target = r.chance(0.05) ? source : r.int(count);
        links.set(`dep:${source}:${target}`, { relation: 'dep', source, target });
      }
    }
    if (r.chance(0.4)) links.set(`host:${source}`, { relation: 'host', source, target: r.int(count) });
  }
  return [...links.values()];
}

export function generateEntities(r: Rng, count: number): SeedEntity[] {
  const times = Array.from({ length: 40 }, (_, i) => new Date(BASE - i * 3_600_000 - r.int(1000)));
  return Array.from({ length: count }, (_, i) => {
    const data: Record<string, unknown> = {};
    for (const prop of [
      'n',
      'count',
      's',
      'status',
      'flag',
      'at',
      'day',
      'version',
      'tags',
      'scores',
      'we\'ird "key"); drop table entities; --',
      'anything',
    ]) {
      const v = valueFor(r, prop);
      if (v !== undefined) data[prop] = v;
    }
    const m = meta(r);
    if (m !== undefined) data.meta = m;
    return {
      identifier: `e-${i}${r.pick(['', '.x', ':y', '@z', '/w', '+v', '-ALPHA', '_u'])}`,
      title: r.chance(0.1) ? null : r.pick([...STRINGS, 'Service One', 'service two']),
      data,
      owners: [],
      createdAt: r.pick(times),
      updatedAt: r.pick(times),
      createdBy: r.chance(0.3) ? null : r.pick(USERS),
      updatedBy: r.chance(0.3) ? null : r.pick(USERS),
    };
  });
}

function scalarFor(r: Rng, kind: string, entities: SeedEntity[], prop: string): unknown {
  switch (kind) {
    case 'number':
      return r.pick([...NUMBERS, 2.0, 4]);
    case 'boolean':
      return r.chance(0.5);
    case 'datetime':
      return datetime(r);
    case 'date':
      return date(r);
    case 'semver':
      return r.pick(VERSIONS);
    default: {
      if (prop === 'status') return r.pick(['active', 'deprecated', 'retired']);
      if (prop === '$identifier') return r.pick(entities).identifier;
      if (prop === '$created_by') return r.pick(USERS);
      if (prop === 'meta.env') return r.pick(['prod', 'PROD', 'staging', 'dev', '', 'prod ']);
      return r.pick(STRINGS);
    }
  }
}

function relatedToFor(r: Rng, entities: SeedEntity[]): Record<string, unknown> {
  const ids = Array.from({ length: 1 + r.int(3) }, () => (r.chance(0.05) ? 'no-such-entity' : r.pick(entities).identifier));
  return {
    operator: 'relatedTo',
    blueprint: 'svc',
    value: ids.length === 1 && r.chance(0.5) ? ids[0] : ids,
    direction: r.pick(['upstream', 'downstream']),
    max_hops: r.chance(0.5) ? 1 + r.int(3) : 1 + r.int(15),
  };
}

function ruleFor(r: Rng, entities: SeedEntity[]): Record<string, unknown> {
  if (r.chance(0.08)) return relatedToFor(r, entities);
  const related = r.chance(0.12);
  const property = related ? r.pick(RELATION_PROPERTIES) : r.pick(PROPERTIES);
  const own = related ? property.slice(property.indexOf('.') + 1) : property;
  const type = resolveProperty(SCHEMA, own, 'x').type;
  const operator: Operator = r.pick(operatorsFor(type));
  const rule: Record<string, unknown> = { property, operator };
  if (['exists', 'isEmpty', 'isNotEmpty'].includes(operator)) return rule;
  if (type.kind === 'array') {
    const item = () => (type.items === 'string' ? r.pick(TAGS) : r.pick(NUMBERS));
    rule.value = operator === 'contains' || operator === 'doesNotContain' ? item() : Array.from({ length: 1 + r.int(3) }, item);
    return rule;
  }
  const kind = type.kind === 'scalar' ? type.scalar : 'string';
  const one = () => scalarFor(r, kind, entities, own);
  if (operator === 'in' || operator === 'notIn') rule.value = Array.from({ length: 1 + r.int(4) }, one);
  else if (operator === 'between' || operator === 'notBetween') {
    rule.value = (kind === 'datetime' || kind === 'date') && r.chance(0.4) ? { preset: r.pick(DATE_PRESETS) } : [one(), one()];
  } else if (['contains', 'doesNotContain', 'beginsWith', 'endsWith'].includes(operator)) {
    const source = String(one());
    const start = r.int(source.length + 1);
    const piece = [...source].slice(start, start + 1 + r.int(4)).join('');
    rule.value = r.chance(0.5) ? piece.toUpperCase() : piece;
  } else rule.value = one();
  return rule;
}

function groupFor(r: Rng, entities: SeedEntity[], depth: number): Record<string, unknown> {
  const size = r.chance(0.05) ? 0 : 1 + r.int(3);
  const rules = Array.from({ length: size }, () => (depth < 3 && r.chance(0.25) ? groupFor(r, entities, depth + 1) : ruleFor(r, entities)));
  return { combinator: r.pick(['and', 'or']), rules };
}

const SORTABLE = [
  'n',
  'count',
  's',
  'status',
  'flag',
  'at',
  'day',
  'version',
  'meta.env',
  'meta.level',
  '$identifier',
  '$title',
  '$created_at',
  '$updated_at',
  '$created_by',
];

/** A random search body: a query tree, maybe q, a sort of 1-3 keys, a small limit. */
export function searchBodyFor(r: Rng, entities: SeedEntity[]): Record<string, unknown> {
  const body: Record<string, unknown> = { query: groupFor(r, entities, 1), limit: r.chance(0.1) ? 1 + r.int(3) : 5 + r.int(60) };
  if (r.chance(0.15)) {
    const source = r.pick([...STRINGS, 'e-1', 'service', 'prod']);
    body.q = [...source].slice(0, 1 + r.int(3)).join('') || 'a';
  }
  if (r.chance(0.85)) {
    const keys = new Set<string>();
    const n = 1 + r.int(3);
    while (keys.size < n) keys.add(r.pick(SORTABLE));
    body.sort = [...keys].map((property) => ({ property, order: r.pick(['asc', 'desc']) }));
  }
  return body;
}

type Queryable = { query<R>(sql: string, values?: unknown[]): Promise<{ rows: R[] }> };

/**
 * The differential tests' graph: RELATIONS declared on the `svc` blueprint of `teamId`, and the
 * random links of generateLinks(rng(seed)) between `entities` (by index) inserted in one statement.
 * Returns the links as the in-memory evaluator's graph takes them.
 */
export async function insertRandomLinks(db: Queryable, teamId: string, entities: Array<{ id: string }>, seed: number) {
  const relationUuid: Record<string, string> = {};
  for (const [name, type] of Object.entries(RELATIONS)) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO blueprint_relations (team_id, source_blueprint_id, target_blueprint_id, identifier, relation_type) VALUES ($1, 'svc', 'svc', $2, $3) RETURNING id::text`,
      [teamId, name, type],
    );
    relationUuid[name] = rows[0].id;
  }
  const links = generateLinks(rng(seed), entities.length).map((l) => ({
    relationUuid: relationUuid[l.relation],
    source: entities[l.source].id,
    target: entities[l.target].id,
  }));
  await db.query(
    `INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[])`,
    [teamId, links.map((l) => l.relationUuid), links.map((l) => l.source), links.map((l) => l.target)],
  );
  return links;
}
