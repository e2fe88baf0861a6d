import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { isPermission } from '@/lib/authz/permissions';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { limitBearerFailure } from './limit-bearer-failure';
import {
  apiKeyByHashSql,
  apiKeyRow,
  loginTokenByHashSql,
  loginTokenRow,
  personalTokenByHashSql,
  personalTokenRow,
  userBySessionSql,
  userRow,
} from './credentials.sql';
import { API_KEY_PATTERN, LOGIN_TOKEN_PATTERN, PERSONAL_TOKEN_PATTERN, sha256Hex } from './secrets';
import { RUN_TOKEN_PATTERN } from '@/lib/runs/run-token';
import type { SessionRef } from './user-sessions';
import { isUuid } from '@/lib/domain/uuid';

// Resolves the caller once per request: the Authorization header (API key, login token or
// personal access token, as
// `Bearer <token>` or the older `ApiKey <key>`; a run token is refused here, see
// resolve-run-token.ts), else the browser session. Every path re-reads
// the user's status, so suspending a user ends their sessions and tokens on the next request.
// A browser session counts only while its server-side row exists (lib/auth/user-sessions.ts).

const INVALID = 'the credentials are invalid, expired or revoked';

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
  // A key acts within its creator's rights: it stops when its creator is suspended, leaves the
  // team or their account is gone (API.md), whatever the key row itself says.
  if (!row.user_id || row.user_status !== 'active' || !row.creator_is_member) throw new AppError('unauthenticated', INVALID);
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
  return { kind: 'user', userId: row.id, email: row.email, name: row.name, via: 'token', credentialId: row.token_id };
}

// A personal access token acts as its person, narrowed to its teams and permissions; the person's
// current role in each team caps it further (lib/authz/team-context.ts), so a demotion or a
// removal takes effect on the next request.
async function actorFromPersonalToken(db: Db, token: string): Promise<Actor> {
  const [row] = await runSql(db, personalTokenByHashSql(sha256Hex(token)), personalTokenRow);
  if (!row || row.revoked_at || row.expires_at <= new Date() || row.status !== 'active') throw new AppError('unauthenticated', INVALID);
  const teamIds = Array.isArray(row.team_ids) ? row.team_ids.filter((id): id is string => typeof id === 'string') : [];
  const permissions = Array.isArray(row.permissions) ? row.permissions.filter(isPermission) : [];
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    name: row.name,
    via: 'personal_token',
    credentialId: row.token_id,
    limits: { teamIds, permissions },
  };
}

/** The person of a browser session, or null when the session was ended, expired or is unknown. */
export async function actorFromSessionUser(db: Db, session: SessionRef | null | undefined): Promise<Actor | null> {
  if (!session || !isUuid(session.userId) || !isUuid(session.sessionId)) return null;
  const [user] = await runSql(db, userBySessionSql(session.sessionId, session.userId), userRow);
  if (!user || user.status !== 'active') return null;
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, via: 'session', credentialId: session.sessionId };
}

async function actorFromBearer(db: Db, headers: Headers): Promise<Actor | undefined> {
  const bearer = bearerFrom(headers);
  if (bearer === undefined || bearer === null) return undefined;
  if (API_KEY_PATTERN.test(bearer)) return actorFromApiKey(db, bearer);
  if (LOGIN_TOKEN_PATTERN.test(bearer)) return actorFromLoginToken(db, bearer);
  if (PERSONAL_TOKEN_PATTERN.test(bearer)) return actorFromPersonalToken(db, bearer);
  if (RUN_TOKEN_PATTERN.test(bearer)) {
    // Resolved by the two routes that take it (lib/auth/resolve-run-token.ts), and nowhere else.
    throw new AppError(
      'unauthenticated',
      'a run token is accepted only by PATCH .../runs/{run} and POST .../runs/{run}/logs of its own run',
    );
  }
  throw new AppError('unauthenticated', INVALID);
}

/** The caller, or null when anonymous. A credential that is present but bad is a 401 (a 429 when repeated). */
export async function resolveActor(db: Db, headers: Headers, session: () => Promise<SessionRef | null | undefined>): Promise<Actor | null> {
  let actor: Actor | undefined;
  try {
    actor = await actorFromBearer(db, headers);
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthenticated') await limitBearerFailure(db, headers);
    throw error;
  }
  return actor ?? actorFromSessionUser(db, await session());
}
