import { beforeEach, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createEntity } from '@/lib/entities/create-entity';
import { deleteEntity } from '@/lib/entities/delete-entity';
import { testDb } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, teamContextOf } from '@/lib/test/fixtures';
import { listAuditLogs } from './list-audit-logs';

// The audit log names an entity by its title and blueprint (never only its UUID): a live entity
// as it is now, a deleted one as its rows recorded it, with the blueprint its deletion recorded.
// Another team's rows are never read, even for the same ids.

let ctx: TeamContext;
let other: TeamContext;

beforeEach(async () => {
  const a = await createTeam(testDb());
  const b = await createTeam(testDb());
  for (const t of [a.team.id, b.team.id]) await createBlueprint(testDb(), t, 'service');
  await testDb().blueprint.update({ where: { teamId_id: { teamId: a.team.id, id: 'service' } }, data: { title: 'Service' } });
  ctx = await teamContextOf(a.owner, a.team.slug);
  other = await teamContextOf(b.owner, b.team.slug);
});

const page = async (c: TeamContext) => (await listAuditLogs(testDb(), c, { entityType: 'entity' }, { limit: 50 })).audit_logs;

describe('audit rows of entities', () => {
  it("carry the entity's title, identifier and blueprint, and whether it still exists", async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'api', title: 'Payments API', data: {} });
    await createEntity(testDb(), ctx, 'service', { identifier: 'old', title: 'Old thing', data: {} });
    await deleteEntity(testDb(), ctx, 'service', 'old');
    const rows = await page(ctx);
    const byAction = rows.map((r) => [r.action, r.entity]);
    expect(byAction).toEqual([
      ['entity.deleted', { identifier: 'old', title: 'Old thing', blueprint: { id: 'service', title: 'Service' }, exists: false }],
      ['entity.created', { identifier: 'old', title: 'Old thing', blueprint: { id: 'service', title: 'Service' }, exists: false }],
      ['entity.created', { identifier: 'api', title: 'Payments API', blueprint: { id: 'service', title: 'Service' }, exists: true }],
    ]);
  });

  it("names the entity as it is now, and reads nothing of another team's", async () => {
    await createEntity(testDb(), ctx, 'service', { identifier: 'api', title: 'Payments API', data: {} });
    await testDb().entity.updateMany({ where: { teamId: ctx.team.id, identifier: 'api' }, data: { title: 'Payments' } });
    expect((await page(ctx))[0].entity).toMatchObject({ title: 'Payments', exists: true });
    // Team B holds an audit row naming team A's entity id: B sees no name for it, only what its own row says.
    const [row] = await page(ctx);
    await testDb().auditLog.create({
      data: {
        teamId: other.team.id,
        actorType: 'user',
        action: 'entity.updated',
        entityType: 'entity',
        entityId: row.entity_id,
        requestId: 'r',
      },
    });
    expect((await page(other))[0].entity).toEqual({ identifier: null, title: null, blueprint: null, exists: false });
  });

  it('is null on the rows of other resources', async () => {
    await testDb().auditLog.create({
      data: { teamId: ctx.team.id, actorType: 'user', action: 'team.updated', entityType: 'team', entityId: ctx.team.id, requestId: 'r' },
    });
    const rows = (await listAuditLogs(testDb(), ctx, {}, { limit: 50 })).audit_logs;
    expect(rows.map((r) => [r.entity_type, r.entity])).toEqual([['team', null]]);
  });
});
