import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint, deleteBlueprint } from '@/lib/blueprints/blueprint-service';
import { testDb } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { bulkUpsertEntities } from './bulk-upsert-entities';
import { createEntity } from './create-entity';
import { patchEntity } from './update-entity';

// Schemas and input that must neither freeze nor corrupt (issue 11): `__proto__` judged alike by
// POST and PATCH, a re-created blueprint's new schema applied at once, a pathological pattern
// answered with a verdict (RE2), uniqueItems over many objects, a bad bulk item failing alone.

let ctx: TeamContext;
let teamId: string;

beforeEach(async () => {
  const { team, owner } = await createTeam(testDb());
  ctx = await teamContextOf(owner, team.slug);
  teamId = team.id;
});

const blueprint = (id: string, schema: object) => createBlueprint(testDb(), ctx, { id, title: id, schema: schema as never });
const create = (bp: string, input: object, options = {}) => createEntity(testDb(), ctx, bp, input as never, options);
const patch = (bp: string, identifier: string, body: string) => patchEntity(testDb(), ctx, bp, identifier, JSON.parse(body) as never);

async function detailsOf(promise: Promise<unknown>) {
  const error = await expectAppError(promise);
  expect(error.code).toBe('validation_failed');
  return error.details as Array<{ path: string; message: string }>;
}

async function storedData(bp: string, identifier: string): Promise<string> {
  const row = await testDb().entity.findUniqueOrThrow({
    where: { teamId_blueprintId_identifier: { teamId, blueprintId: bp, identifier } },
  });
  return JSON.stringify(row.data);
}

describe('__proto__ in entity data (RFC 7396: an ordinary member)', () => {
  it('PATCH is refused past additionalProperties: false, as POST is', async () => {
    await blueprint('closed', { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } });
    const post = await detailsOf(create('closed', JSON.parse('{"identifier": "a", "data": {"__proto__": {"x": 1}}}')));
    expect(post.map((d) => d.path)).toEqual(['/data/__proto__']);
    await create('closed', { identifier: 'b', data: { name: 'b' } });
    const patched = await detailsOf(patch('closed', 'b', '{"data": {"__proto__": {"isAdmin": true}}}'));
    expect(patched.map((d) => d.path)).toEqual(['/data/__proto__']);
    expect(await storedData('closed', 'b')).toBe('{"name":"b"}');
  });

  it('PATCH is refused past maxProperties', async () => {
    await blueprint('small', { type: 'object', maxProperties: 1 });
    await create('small', { identifier: 'a', data: { one: 1 } });
    const details = await detailsOf(patch('small', 'a', '{"data": {"__proto__": {"two": 2, "three": 3}}}'));
    expect(details).toEqual([{ path: '/data', message: 'Must have at most 1 field' }]);
  });

  it('where the schema allows it, PATCH stores __proto__ as a member, as POST does', async () => {
    await blueprint('open', { type: 'object' });
    await create('open', JSON.parse('{"identifier": "posted", "data": {"__proto__": {"x": 1}}}'));
    await create('open', { identifier: 'patched', data: {} });
    await patch('open', 'patched', '{"data": {"__proto__": {"x": 1}}}');
    expect(await storedData('open', 'posted')).toBe('{"__proto__":{"x":1}}');
    expect(await storedData('open', 'patched')).toBe(await storedData('open', 'posted'));
    const audit = await testDb().auditLog.findFirstOrThrow({ where: { teamId, action: 'entity.updated' } });
    expect(JSON.stringify((audit.newData as { data: unknown }).data)).toBe('{"__proto__":{"x":1}}');
  });
});

describe('a blueprint deleted and created again under the same id', () => {
  it('validates against the new schema at once (the validator cache key does not repeat)', async () => {
    await blueprint('svc', { type: 'object', properties: { port: { type: 'string' } } });
    await create('svc', { identifier: 'a', data: { port: 'eighty' } }); // compiles and caches version 1
    await deleteBlueprint(testDb(), ctx, 'svc');
    await blueprint('svc', { type: 'object', properties: { port: { type: 'integer' } } }); // version 1 again
    await expect(create('svc', { identifier: 'a', data: { port: 80 } })).resolves.toMatchObject({ created: true });
    expect(await detailsOf(create('svc', { identifier: 'b', data: { port: 'eighty' } }))).toEqual([
      { path: '/data/port', message: expect.any(String) },
    ]);
  });
});

describe('user-written patterns', () => {
  it('answers ^(a+)+$ against "a" x 30 + "!" with a verdict (validate_only)', async () => {
    await blueprint('rx', { type: 'object', properties: { name: { type: 'string', pattern: '^(a+)+$' } } });
    const details = await detailsOf(create('rx', { identifier: 'a', data: { name: `${'a'.repeat(30)}!` } }, { validateOnly: true }));
    expect(details).toEqual([{ path: '/data/name', message: expect.stringContaining('pattern') }]);
    await expect(create('rx', { identifier: 'a', data: { name: 'a'.repeat(30) } }, { validateOnly: true })).resolves.toEqual({
      valid: true,
    });
  });

  it('refuses on save a pattern RE2 cannot run, naming /schema/.../pattern', async () => {
    const details = await detailsOf(blueprint('bad', { type: 'object', properties: { tag: { type: 'string', pattern: '^(\\w)\\1$' } } }));
    expect(details).toEqual([{ path: '/schema/properties/tag/pattern', message: expect.stringContaining('linear time') }]);
    expect(await testDb().blueprint.count({ where: { teamId, id: 'bad' } })).toBe(0);
  });
});

describe('uniqueItems over many objects', () => {
  it('gives its verdict on 20,000 objects, the duplicate named', async () => {
    await blueprint('list', { type: 'object', properties: { items: { type: 'array', uniqueItems: true } } });
    const items = Array.from({ length: 20_000 }, (_, i) => ({ n: i }));
    await expect(create('list', { identifier: 'ok', data: { items } }, { validateOnly: true })).resolves.toEqual({ valid: true });
    const details = await detailsOf(
      create('list', { identifier: 'dup', data: { items: [...items, { n: 19_999 }] } }, { validateOnly: true }),
    );
    expect(details).toEqual([{ path: '/data/items', message: expect.stringContaining('19999 and 20000') }]);
  });
});

describe('bulk: an item holding what cannot be stored fails alone', () => {
  it.each([
    ['a NUL in a value', String.raw`{"identifier": "bad", "data": {"name": "x\u0000y"}}`, '/data/name'],
    ['a lone surrogate in a key', String.raw`{"identifier": "bad", "data": {"k\ud800": 1}}`, '/data/k\ud800'],
    ['a number beyond double range', String.raw`{"identifier": "bad", "data": {"n": 1e400}}`, '/data/n'],
  ])('%s', async (_what, itemJson, path) => {
    await blueprint('bulk', { type: 'object' });
    const items = JSON.parse(`[{"identifier": "good1", "data": {}}, ${itemJson}, {"identifier": "good2", "data": {"n": 1}}]`) as unknown[];
    const { allSucceeded, results } = await bulkUpsertEntities(testDb(), ctx, 'bulk', items);
    expect(allSucceeded).toBe(false);
    expect(results.map((r) => r.status)).toEqual(['created', 'error', 'created']);
    expect(results[1]).toMatchObject({ identifier: 'bad', error: { code: 'validation_failed', details: [{ path }] } });
    expect(await testDb().entity.count({ where: { teamId, blueprintId: 'bulk' } })).toBe(2);
  });
});
