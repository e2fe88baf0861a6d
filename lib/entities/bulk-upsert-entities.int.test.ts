import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { bulkUpsertEntities } from './bulk-upsert-entities';
import { createEntity } from './create-entity';
import { upsertEntitiesSql } from './upsert-entities.sql';

// Bulk upsert against the real database: good items are written (one statement) and audited,
// bad ones fail alone with a per-item error, duplicates within a batch lose to the first.

const SCHEMA = { type: 'object', required: ['version'], properties: { version: { type: 'string', format: 'semver' } } };

let ctx: TeamContext;
let teamId: string;

beforeEach(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', SCHEMA);
  ctx = await teamContextOf(owner, team.slug);
  teamId = team.id;
});

const entities = () => testDb().entity.findMany({ where: { teamId }, orderBy: { identifier: 'asc' } });
const audits = () => testDb().auditLog.findMany({ where: { teamId, entityType: 'entity' } });

describe('bulkUpsertEntities', () => {
  it('writes every item of a good batch: created and updated, each audited', async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'old', title: 'Old', data: { version: '1.0.0' } });
    const { allSucceeded, results } = await bulkUpsertEntities(testDb(), ctx, 'service', [
      { identifier: 'old', title: 'Renewed', data: { version: '2.0.0' } },
      { identifier: 'new', data: { version: '1.0.0' } },
    ]);
    expect(allSucceeded).toBe(true);
    expect(results).toEqual([
      { index: 0, identifier: 'old', status: 'updated', id: expect.any(String) },
      { index: 1, identifier: 'new', status: 'created', id: expect.any(String) },
    ]);
    const rows = await entities();
    expect(rows.map((r) => [r.identifier, r.title, r.version])).toEqual([
      ['new', null, 1],
      ['old', 'Renewed', 2],
    ]);
    const byAction = (await audits()).map((a) => [a.action, a.entityId]).sort();
    const [created, updated] = [rows[0].id, rows[1].id];
    expect(byAction).toEqual(
      [
        ['entity.created', created],
        ['entity.created', updated],
        ['entity.updated', updated],
      ].sort(),
    );
    // A bulk update records the new version; the one it replaced is the previous row's new_data
    // (upsert-entities.sql.ts says why the batch does not look the old rows up).
    const history = (await audits()).filter((a) => a.entityId === updated).sort((a, b) => +a.createdAt - +b.createdAt);
    expect(history.map((a) => a.action)).toEqual(['entity.created', 'entity.updated']);
    expect(history[0].newData).toMatchObject({ title: 'Old', data: { version: '1.0.0' }, version: 1 });
    expect(history[1]).toMatchObject({ oldData: null, newData: { title: 'Renewed', data: { version: '2.0.0' }, version: 2 } });
  });

  it('a batch mixing good and bad items writes exactly the good ones, and audits exactly those', async () => {
    const { allSucceeded, results } = await bulkUpsertEntities(testDb(), ctx, 'service', [
      { identifier: 'good-1', data: { version: '1.0.0' } },
      { identifier: 'bad-data', data: { version: 'one' } },
      { identifier: '-bad identifier', data: { version: '1.0.0' } },
      { identifier: 'bad-field', data: { version: '1.0.0' }, colour: 'red' },
      'not an object',
      { identifier: 'good-2', title: 'Two', data: { version: '2.0.0' } },
      { identifier: 'good-1', data: { version: '9.0.0' } },
      { identifier: 'bad-relations', data: { version: '1.0.0' }, relations: { owner: 'x' } },
    ]);
    expect(allSucceeded).toBe(false);
    expect(results.map((r) => [r.index, r.identifier, r.status])).toEqual([
      [0, 'good-1', 'created'],
      [1, 'bad-data', 'error'],
      [2, '-bad identifier', 'error'],
      [3, 'bad-field', 'error'],
      [4, null, 'error'],
      [5, 'good-2', 'created'],
      [6, 'good-1', 'error'],
      [7, 'bad-relations', 'error'],
    ]);
    const errors = results.flatMap((r) => (r.status === 'error' ? [r.error] : []));
    expect(errors.map((e) => e.code)).toEqual([
      'validation_failed',
      'validation_failed',
      'bad_request',
      'bad_request',
      'conflict',
      'validation_failed',
    ]);
    expect(errors[0].details).toEqual([{ path: '/data/version', message: expect.any(String) }]);
    const rows = await entities();
    expect(rows.map((r) => [r.identifier, r.data])).toEqual([
      ['good-1', { version: '1.0.0' }],
      ['good-2', { version: '2.0.0' }],
    ]);
    expect((await audits()).map((a) => a.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('a batch of only bad items writes nothing', async () => {
    const { allSucceeded } = await bulkUpsertEntities(testDb(), ctx, 'service', [{ identifier: 'x', data: {} }]);
    expect(allSucceeded).toBe(false);
    expect(await entities()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it('takes 1 to 1000 items: 0 or 1001 is a 400', async () => {
    expect((await expectAppError(bulkUpsertEntities(testDb(), ctx, 'service', []))).code).toBe('bad_request');
    const many = Array.from({ length: 1001 }, (_, i) => ({ identifier: `e-${i}`, data: { version: '1.0.0' } }));
    expect((await expectAppError(bulkUpsertEntities(testDb(), ctx, 'service', many))).code).toBe('bad_request');
    const { allSucceeded, results } = await bulkUpsertEntities(testDb(), ctx, 'service', many.slice(0, 1000));
    expect(allSucceeded).toBe(true);
    expect(results).toHaveLength(1000);
    expect(await testDb().entity.count({ where: { teamId } })).toBe(1000);
    expect(await testDb().auditLog.count({ where: { teamId, entityType: 'entity' } })).toBe(1000);
  });

  it("is 404 for another team's blueprint and never touches its entities", async () => {
    await bulkUpsertEntities(testDb(), ctx, 'service', [{ identifier: 'a', data: { version: '1.0.0' } }]);
    const other = await createTeam(testDb());
    const otherCtx = await teamContextOf(other.owner, other.team.slug);
    const error = await expectAppError(
      bulkUpsertEntities(testDb(), otherCtx, 'service', [{ identifier: 'a', data: { version: '2.0.0' } }]),
    );
    expect(error.code).toBe('not_found');
    expect((await entities()).map((r) => r.version)).toEqual([1]);
  });

  it('is one statement whose existing-row lookup uses the unique (team, blueprint, identifier) index', async () => {
    const query = upsertEntitiesSql(
      { teamId, blueprintId: 'service' },
      {
        actorType: 'user',
        userId: null,
        apiKeyId: null,
        onBehalfType: null,
        onBehalfId: null,
        ipAddress: null,
        userAgent: null,
        requestId: 'explain',
      },
      [{ identifier: 'a', title: null, data: { version: '1.0.0' } }],
    );
    const client = await testPool().connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.text}`, query.values);
      await client.query('ROLLBACK');
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/entities_team_id_blueprint_id_identifier_key/);
    } finally {
      client.release();
    }
  });
});
