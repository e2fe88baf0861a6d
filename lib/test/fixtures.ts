import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect } from 'vitest';
import type { Actor, UserActor } from '@/lib/auth/actor';
import { keyPrefix, newApiKey, sha256Hex } from '@/lib/auth/secrets';
import { resolveTeamContext, type RequestContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { testDb } from '@/lib/test/database-per-file';
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

export async function roleIdOf(db: Db, teamId: string, name: string): Promise<string> {
  return (await db.role.findUniqueOrThrow({ where: { teamId_name: { teamId, name } }, select: { id: true } })).id;
}

/** A new user who joins the team with the named role (admin, editor, viewer or a custom one). */
type UserRow = Awaited<ReturnType<typeof createUser>>;

export async function addMembership(db: Db, teamId: string, roleName: string, user?: UserRow): Promise<UserRow> {
  const member = user ?? (await createUser(db));
  await db.teamMembership.create({ data: { teamId, userId: member.id, roleId: await roleIdOf(db, teamId, roleName) } });
  return member;
}

/** An API key row made directly (as createApiKey would store it); returns the secret and the row. */
export async function createApiKeyRow(
  db: Db,
  input: { teamId: string; userId: string | null; permissions: string[]; expiresAt?: Date | null; revokedAt?: Date | null },
) {
  const key = newApiKey();
  const row = await db.apiKey.create({
    data: {
      teamId: input.teamId,
      userId: input.userId,
      name: `key-${randomBytes(3).toString('hex')}`,
      keyPrefix: keyPrefix(key),
      keyHash: sha256Hex(key),
      permissions: input.permissions,
      expiresAt: input.expiresAt ?? null,
      revokedAt: input.revokedAt ?? null,
    },
  });
  return { key, row };
}

/** The request part of a context, as the route wrapper builds it. */
export function requestContextFor(actor: Actor): RequestContext {
  return { requestId: `test-${randomBytes(4).toString('hex')}`, actor, ip: '203.0.113.5', userAgent: 'vitest' };
}

export function userActorOf(user: { id: string; email: string; name: string | null }): UserActor {
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, via: 'session' };
}

/** The team context of `user` in the team `slug`, resolved as a request would. */
export async function teamContextOf(user: { id: string; email: string; name: string | null }, slug: string) {
  return resolveTeamContext(testDb(), requestContextFor(userActorOf(user)), slug);
}

/** Awaits a promise that must reject with an AppError, and returns that error. */
export async function expectAppError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected an AppError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Runs one SQL statement on the database at `url` (its own connection) and returns the rows. */
export async function queryAt<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Entities inserted directly (no entity service, no validation). */
export async function insertEntities(
  db: Db,
  scope: { teamId: string; blueprintId: string },
  items: Array<{ identifier: string; data: object; createdAt?: Date }>,
): Promise<void> {
  await db.entity.createMany({
    data: items.map((e) => ({
      teamId: scope.teamId,
      blueprintId: scope.blueprintId,
      identifier: e.identifier,
      data: e.data,
      ...(e.createdAt && { createdAt: e.createdAt }),
    })),
  });
}
