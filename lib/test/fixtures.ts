import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/prisma';
import { insertTeamWithDefaultRoles } from '@/lib/teams/create-team';

// Small builders for integration tests. Each call makes uniquely named rows, so tests never clash.

export function uniqueSlug(prefix = 'team'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function createUser(db: Db, email = `${randomBytes(4).toString('hex')}@example.com`) {
  return db.user.create({ data: { email, name: 'Test User', passwordHash: 'not-a-real-hash' } });
}

export async function createTeam(db: Db, slug = uniqueSlug()) {
  const owner = await createUser(db);
  const team = await db.$transaction((tx) => insertTeamWithDefaultRoles(tx, { name: slug, slug, ownerId: owner.id }));
  return { team, owner };
}

export async function createBlueprint(db: Db, teamId: string, id = 'service', schema: object = { type: 'object', properties: {} }) {
  return db.blueprint.create({ data: { teamId, id, title: id, schema } });
}
