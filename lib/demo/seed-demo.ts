import bcrypt from 'bcryptjs';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { insertTeamWithDefaultRoles } from '@/lib/teams/create-team';
import { DEMO_BLUEPRINTS } from './demo-blueprints';
import { buildDemoCatalog } from './demo-entities';
import { computeDemoScorecard, insertDemoScorecard } from './demo-scorecard';

// Demo content: a user, a team, three blueprints with relations, about a hundred entities, and a
// scorecard with a few weeks of history.
// The credentials are public on purpose (README and console): this is for a local first look.

export const DEMO_USER = { email: 'demo@baseplate.local', password: 'baseplate-demo', name: 'Demo User' };
export const DEMO_TEAM = { name: 'Acme Engineering', slug: 'acme' };

const RELATIONS = [
  { identifier: 'runs_on', title: 'Runs on', source: 'service', target: 'cluster', type: 'many-to-one' },
  { identifier: 'uses', title: 'Uses', source: 'service', target: 'database', type: 'many-to-many' },
  { identifier: 'calls', title: 'Calls', source: 'service', target: 'service', type: 'many-to-many' },
] as const;

export type SeedResult = { seeded: boolean; reason?: string; entities?: number };

/** True when the database holds no user and no team: a brand-new installation. */
export async function isEmptyDatabase(db: PrismaClient): Promise<boolean> {
  const [users, teams] = await Promise.all([db.user.count(), db.team.count()]);
  return users === 0 && teams === 0;
}

/** Seeds the demo content in one transaction; does nothing when the demo team already exists. */
export async function seedDemo(db: PrismaClient): Promise<SeedResult> {
  if (await db.team.findUnique({ where: { slug: DEMO_TEAM.slug } })) {
    return { seeded: false, reason: `a team with slug "${DEMO_TEAM.slug}" already exists` };
  }
  const passwordHash = await bcrypt.hash(DEMO_USER.password, 10);
  const { entities, links } = buildDemoCatalog();
  const seeded = await db.$transaction(
    async (tx) => {
      const existing = await tx.user.findFirst({ where: { email: { equals: DEMO_USER.email, mode: 'insensitive' } } });
      const user = existing ?? (await tx.user.create({ data: { email: DEMO_USER.email, name: DEMO_USER.name, passwordHash } }));
      const team = await insertTeamWithDefaultRoles(tx, { ...DEMO_TEAM, ownerId: user.id });
      await tx.blueprint.createMany({
        data: DEMO_BLUEPRINTS.map((b) => ({
          teamId: team.id,
          id: b.id,
          title: b.title,
          icon: b.icon,
          description: b.description,
          schema: b.schema,
          createdBy: user.id,
          updatedBy: user.id,
        })),
      });
      const relationIds = new Map<string, string>();
      for (const r of RELATIONS) {
        const row = await tx.blueprintRelation.create({
          data: {
            teamId: team.id,
            identifier: r.identifier,
            title: r.title,
            sourceBlueprintId: r.source,
            targetBlueprintId: r.target,
            relationType: r.type,
          },
        });
        relationIds.set(r.identifier, row.id);
      }
      const created = await tx.entity.createManyAndReturn({
        data: entities.map((e) => ({ teamId: team.id, ...e, data: e.data as object, createdBy: user.id, updatedBy: user.id })),
        select: { id: true, identifier: true, title: true, data: true, createdAt: true },
      });
      // The demo's history starts like a real team's: the seeding is in the audit log, by "system".
      const system = { teamId: team.id, actorType: 'system', userId: user.id };
      await tx.auditLog.createMany({
        data: [
          { ...system, action: 'team.created', entityType: 'team', entityId: team.id, newData: DEMO_TEAM },
          ...DEMO_BLUEPRINTS.map((b) => ({
            ...system,
            action: 'blueprint.created',
            entityType: 'blueprint',
            entityId: b.id,
            newData: { id: b.id, title: b.title },
          })),
          ...created.map((e) => ({
            ...system,
            action: 'entity.created',
            entityType: 'entity',
            entityId: e.id,
            newData: { identifier: e.identifier, title: e.title, data: e.data as object, version: 1 },
            createdAt: e.createdAt,
          })),
        ],
      });
      const entityIds = new Map(created.map((e) => [e.identifier, e.id]));
      await tx.entityRelation.createMany({
        data: links.map((l) => ({
          teamId: team.id,
          relationId: relationIds.get(l.relation)!,
          sourceEntityId: entityIds.get(l.source)!,
          targetEntityId: entityIds.get(l.target)!,
        })),
        skipDuplicates: true,
      });
      return { teamId: team.id, scorecardId: await insertDemoScorecard(tx, team.id) };
    },
    { timeout: 30_000 },
  );
  await computeDemoScorecard(db, seeded.teamId, seeded.scorecardId);
  return { seeded: true, entities: entities.length };
}
