import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The statements that identify the caller of every request. They run on each API call, so they
// are plain SQL over the pool (runSql), each a single index lookup:
//   api_keys.key_hash       idx_api_keys_hash (unique)
//   login_tokens.token_hash idx_login_tokens_hash (unique)
//   users.id                the primary key

export type ApiKeyRow = {
  id: string;
  team_id: string;
  user_id: string | null;
  name: string;
  permissions: unknown;
  revoked_at: Date | null;
  expires_at: Date | null;
  user_status: string | null;
};

export const apiKeyByHashSql = (hash: string) => Prisma.sql`
  SELECT k.id, k.team_id, k.user_id, k.name, k.permissions, k.revoked_at, k.expires_at, u.status AS user_status
  FROM api_keys k LEFT JOIN users u ON u.id = k.user_id
  WHERE k.key_hash = ${hash}`;

export type UserRow = { id: string; email: string; name: string | null; status: string };

export const loginTokenByHashSql = (hash: string) => Prisma.sql`
  SELECT u.id, u.email, u.name, u.status, t.expires_at
  FROM login_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.token_hash = ${hash}`;

export const userByIdSql = (id: string) => Prisma.sql`SELECT id, email, name, status FROM users WHERE id = ${id}::uuid`;

// Row decoders (lib/db/decode-row.ts) of the statements above.
export const apiKeyRow = rowDecoderFor<ApiKeyRow>()({
  id: 'text', team_id: 'text', user_id: 'text?', name: 'text', permissions: 'json', revoked_at: 'date?', expires_at: 'date?', user_status: 'text?',
});
export const userRow = rowDecoderFor<UserRow>()({ id: 'text', email: 'text', name: 'text?', status: 'text' });
export const loginTokenRow = rowDecoderFor<UserRow & { expires_at: Date }>()({ id: 'text', email: 'text', name: 'text?', status: 'text', expires_at: 'date' });
