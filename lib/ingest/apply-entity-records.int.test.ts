import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { addMembership, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { applyEntityRecords } from './apply-entity-records';
import type { MappedEntity } from './mapped-entity';

// The engine as an import calls it (no integration, the person's own context): records of several
// blueprints in one call, a missing blueprint and a repeated entity failing alone, entities it
// writes marked as no integration's, and its refusals (a full sync needs an integration; entity:write).

const db = () => testDb();
let admin: TeamContext;
let viewer: TeamContext;

beforeAll(async () => {
  const { team, owner } = await createTeam(db());
  admin = await teamContextOf(owner, team.slug);
  viewer = await teamContextOf(await addMembership(db(), team.id, 'viewer'), team.slug);
  await createBlueprint(db(), admin, { id: 'team', title: 'Team', schema: { type: 'object', properties: {} } });
  await createBlueprint(db(), admin, {
    id: 'svc',
    title: 'Service',
    schema: { type: 'object', properties: { tier: { type: 'integer' } } },
    relations: { owner: { target: 'team', type: 'many-to-one' } },
  } as never);
});

const delta = { mode: 'delta' as const, dryRun: false, force: false };

describe('applyEntityRecords without an integration', () => {
  it('writes several blueprints in one call; a missing blueprint and a repeat fail alone', async () => {
    const records: MappedEntity[] = [
      { index: 0, blueprint: 'team', identifier: 'core', title: 'Core', properties: {} },
      { index: 1, blueprint: 'svc', identifier: 'api', properties: { tier: 1 }, relations: { owner: 'core' } },
      { index: 2, blueprint: 'nope', identifier: 'x', properties: {} },
      { index: 3, blueprint: 'svc', identifier: 'api', properties: { tier: 2 } },
    ];
    const result = await applyEntityRecords(db(), admin, null, records, delta);
    // Blueprints are written in the order first seen: the team before the service linking to it.
    expect(result).toMatchObject({ created: 2, updated: 0, unchanged: 0, deleted: 0 });
    expect(result.failed.map((f) => [f.index, f.identifier, f.path])).toEqual([
      [2, 'x', '/blueprint'],
      [3, 'api', undefined],
    ]);
    const { rows } = await testPool().query(`SELECT identifier, integration_id FROM entities WHERE team_id = $1 ORDER BY identifier`, [
      admin.team.id,
    ]);
    expect(rows).toEqual([
      { identifier: 'api', integration_id: null },
      { identifier: 'core', integration_id: null },
    ]);
    expect(await applyEntityRecords(db(), admin, null, records.slice(0, 2), delta)).toMatchObject({ unchanged: 2, failed: [] });
  });

  it('refuses a full sync without an integration, too many records, and a caller without entity:write', async () => {
    const one: MappedEntity[] = [{ index: 0, blueprint: 'team', identifier: 't', properties: {} }];
    expect((await expectAppError(applyEntityRecords(db(), admin, null, one, { ...delta, mode: 'full' }))).code).toBe('bad_request');
    const many = Array.from({ length: 10_001 }, (_, i) => ({ index: i, blueprint: 'team', identifier: `t${i}`, properties: {} }));
    expect((await expectAppError(applyEntityRecords(db(), admin, null, many, delta))).code).toBe('payload_too_large');
    expect((await expectAppError(applyEntityRecords(db(), viewer, null, one, delta))).code).toBe('forbidden');
  });
});
