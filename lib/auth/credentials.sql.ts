import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The statements that identify the caller of every request. They run on each API call, so they
// are plain SQL over the pool (runSql), each a single index lookup:
//   api_keys.key_hash       idx_api_keys_hash (unique)
//   login_tokens.token_hash idx_login_tokens_hash (unique)
//   users.id                the primary key
//   user_sessions.id        the primary key (joined to users by its primary key)

export type ApiKeyRow = {
  id: string;
  team_id: string;
  user_id: string | null;
  name: string;
  permissions: unknown;
  revoked_at: Date | null;
  expires_at: Date | null;
  user_status: string | null;
  creator_is_member: boolean;
};

// creator_is_member: the unique (team_id, user_id) index of team_memberships. A key works only
// while its creator is in its team (removal revokes it too; this also covers older rows).
export const apiKeyByHashSql = (hash: string) => Prisma.sql`
  SELECT k.id, k.team_id, k.user_id, k.name, k.permissions, k.revoked_at, k.expires_at, u.status AS user_status,
         EXISTS (SELECT 1 FROM team_memberships m WHERE m.team_id = k.team_id AND m.user_id = k.user_id) AS creator_is_member
  FROM api_keys k LEFT JOIN users u ON u.id = k.user_id
  WHERE k.key_hash = ${hash}`;

export type UserRow = { id: string; email: string; name: string | null; status: string };

export const loginTokenByHashSql = (hash: string) => Prisma.sql`
  SELECT u.id, u.email, u.name, u.status, t.expires_at, t.id AS token_id
  FROM login_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.token_hash = ${hash}`;

// Both ids come from the signed session cookie, so another user's session row never matches.
export const userBySessionSql = (sessionId: string, userId: string) => Prisma.sql`
  SELECT u.id, u.email, u.name, u.status
  FROM user_sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = ${sessionId}::uuid AND s.user_id = ${userId}::uuid AND s.expires_at > now()`;

// Row decoders (lib/db/decode-row.ts) of the statements above.
export const apiKeyRow = rowDecoderFor<ApiKeyRow>()({
  id: 'text',
  team_id: 'text',
  user_id: 'text?',
  name: 'text',
  permissions: 'json',
  revoked_at: 'date?',
  expires_at: 'date?',
  user_status: 'text?',
  creator_is_member: 'bool',
});
export const userRow = rowDecoderFor<UserRow>()({ id: 'text', email: 'text', name: 'text?', status: 'text' });
export const loginTokenRow = rowDecoderFor<UserRow & { expires_at: Date; token_id: string }>()({
  id: 'text',
  email: 'text',
  name: 'text?',
  status: 'text',
  expires_at: 'date',
  token_id: 'text',
});

// personal_access_tokens.token_hash: idx_personal_access_tokens_hash (unique); the user by primary key.
export const personalTokenByHashSql = (hash: string) => Prisma.sql`
  SELECT u.id, u.email, u.name, u.status, t.id AS token_id, to_jsonb(t.team_ids) AS team_ids, t.permissions,
         t.expires_at, t.revoked_at
  FROM personal_access_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.token_hash = ${hash}`;

export const personalTokenRow = rowDecoderFor<
  UserRow & { token_id: string; team_ids: Prisma.JsonValue; permissions: Prisma.JsonValue; expires_at: Date; revoked_at: Date | null }
>()({
  id: 'text',
  email: 'text',
  name: 'text?',
  status: 'text',
  token_id: 'text',
  team_ids: 'json',
  permissions: 'json',
  expires_at: 'date',
  revoked_at: 'date?',
});
