import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { isPermission } from '@/lib/authz/permissions';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { apiKeyByHashSql, apiKeyRow, loginTokenByHashSql, loginTokenRow, userByIdSql, userRow } from './credentials.sql';
import { API_KEY_PATTERN, LOGIN_TOKEN_PATTERN, sha256Hex } from './secrets';

// Resolves the caller once per request: the Authorization header (API key or login token, as
// `Bearer <token>` or the older `ApiKey <key>`), else the browser session. Every path re-reads
// the user's status, so suspending a user ends their sessions and tokens on the next request.

const INVALID = 'the credentials are invalid, expired or revoked';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function bearerFrom(headers: Headers): string | null | undefined {
  const header = headers.get('authorization');
  if (header === null) return undefined;
  const match = /^(Bearer|ApiKey)\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'Authorization must be "Bearer <token>" or "ApiKey <key>"');
  return match[2];
}

async function actorFromApiKey(db: Db, key: string): Promise<Actor> {
  const [row] = await runSql(db, apiKeyByHashSql(sha256Hex(key)), apiKeyRow);
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= new Date())) throw new AppError('unauthenticated', INVALID);
  // A key acts within its creator's rights; a suspended creator's keys stop with them.
  if (row.user_id && row.user_status !== 'active') throw new AppError('unauthenticated', INVALID);
  return {
    kind: 'api_key',
    keyId: row.id,
    keyName: row.name,
    teamId: row.team_id,
    creatorId: row.user_id,
    keyPermissions: Array.isArray(row.permissions) ? row.permissions.filter(isPermission) : [],
  };
}

async function actorFromLoginToken(db: Db, token: string): Promise<Actor> {
  const [row] = await runSql(db, loginTokenByHashSql(sha256Hex(token)), loginTokenRow);
  if (!row || row.expires_at <= new Date() || row.status !== 'active') throw new AppError('unauthenticated', INVALID);
  return { kind: 'user', userId: row.id, email: row.email, name: row.name, via: 'token' };
}

export async function actorFromSessionUser(db: Db, userId: string | null | undefined): Promise<Actor | null> {
  if (!userId || !UUID.test(userId)) return null;
  const [user] = await runSql(db, userByIdSql(userId), userRow);
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
