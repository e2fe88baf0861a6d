import type { Db } from '@/lib/db/prisma';
import { isPermission } from '@/lib/authz/permissions';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { API_KEY_PATTERN, LOGIN_TOKEN_PATTERN, sha256Hex } from './secrets';

// Resolves the caller once per request: the Authorization header (API key or login token, as
// `Bearer <token>` or the older `ApiKey <key>`), else the browser session. Every path re-reads
// the user's status, so suspending a user ends their sessions and tokens on the next request.

const INVALID = 'the credentials are invalid, expired or revoked';

function bearerFrom(headers: Headers): string | null | undefined {
  const header = headers.get('authorization');
  if (header === null) return undefined;
  const match = /^(Bearer|ApiKey)\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'Authorization must be "Bearer <token>" or "ApiKey <key>"');
  return match[2];
}

async function actorFromApiKey(db: Db, key: string): Promise<Actor> {
  const row = await db.apiKey.findUnique({
    where: { keyHash: sha256Hex(key) },
    include: { user: { select: { status: true } } },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) throw new AppError('unauthenticated', INVALID);
  // A key acts within its creator's rights; a suspended creator's keys stop with them.
  if (row.user && row.user.status !== 'active') throw new AppError('unauthenticated', INVALID);
  return {
    kind: 'api_key',
    keyId: row.id,
    keyName: row.name,
    teamId: row.teamId,
    creatorId: row.userId,
    keyPermissions: (row.permissions as unknown[]).filter(isPermission),
  };
}

async function actorFromLoginToken(db: Db, token: string): Promise<Actor> {
  const row = await db.loginToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { user: { select: { id: true, email: true, name: true, status: true } } },
  });
  if (!row || row.expiresAt <= new Date() || row.user.status !== 'active') throw new AppError('unauthenticated', INVALID);
  return { kind: 'user', userId: row.user.id, email: row.user.email, name: row.user.name, via: 'token' };
}

export async function actorFromSessionUser(db: Db, userId: string | null | undefined): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, status: true } });
  if (!user || user.status !== 'active') return null;
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, via: 'session' };
}

/** The caller, or null when anonymous. A credential that is present but bad is a 401. */
export async function resolveActor(db: Db, headers: Headers, sessionUserId: () => Promise<string | null | undefined>): Promise<Actor | null> {
  const bearer = bearerFrom(headers);
  if (bearer !== undefined && bearer !== null) {
    if (API_KEY_PATTERN.test(bearer)) return actorFromApiKey(db, bearer);
    if (LOGIN_TOKEN_PATTERN.test(bearer)) return actorFromLoginToken(db, bearer);
    throw new AppError('unauthenticated', INVALID);
  }
  return actorFromSessionUser(db, await sessionUserId());
}
