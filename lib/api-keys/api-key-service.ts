import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { keyPrefix, newApiKey, sha256Hex } from '@/lib/auth/secrets';
import { writeAudit } from '@/lib/audit/write-audit';
import type { Permission } from '@/lib/authz/permissions';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { afterCursor, toPage, type PageParams } from '@/lib/http/pagination';

// API keys: created by a person for scripts, with a subset of that person's permissions and an
// optional expiry. The key is returned once; only its SHA-256 is kept. Revoking stamps
// revoked_at (the key then fails on its next request) and keeps the row for the audit trail.

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  created_by: { id: string; name: string | null; email: string } | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  status: 'active' | 'expired' | 'revoked';
};

const KEY_SELECT = {
  id: true,
  name: true,
  keyPrefix: true,
  permissions: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof KEY_SELECT }>;

function view(k: KeyRow): ApiKeyView {
  const status = k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= new Date() ? 'expired' : 'active';
  return {
    id: k.id,
    name: k.name,
    prefix: k.keyPrefix,
    permissions: k.permissions as string[],
    created_by: k.user,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    expires_at: k.expiresAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
    status,
  };
}

export async function listApiKeys(db: Db, ctx: TeamContext, page: PageParams) {
  requirePermission(ctx, 'team:manage');
  const rows = await db.apiKey.findMany({
    where: { teamId: ctx.team.id, ...afterCursor(page.cursor, 'desc') },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    select: { ...KEY_SELECT, createdAt: true },
  });
  const { items, nextCursor } = toPage(rows, page.limit);
  return { api_keys: items.map(view), next_cursor: nextCursor };
}

export async function createApiKey(
  db: Db,
  ctx: TeamContext,
  input: { name: string; permissions: Permission[]; expires_at?: string | null },
): Promise<{ api_key: ApiKeyView; key: string }> {
  requirePermission(ctx, 'team:manage');
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'API keys are created by people, not by other keys');
  const beyond = input.permissions.filter((p) => !ctx.permissions.has(p));
  if (beyond.length > 0) {
    throw new AppError(
      'validation_failed',
      'a key cannot have permissions its creator lacks',
      beyond.map((p) => ({ path: '/permissions', message: `you do not have ${p}` })),
    );
  }
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt <= new Date())) {
    throw new AppError('validation_failed', 'the expiry must be in the future', [
      { path: '/expires_at', message: 'must be in the future' },
    ]);
  }
  const key = newApiKey();
  const userId = ctx.actor.userId;
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        teamId: ctx.team.id,
        userId,
        name: input.name.trim(),
        keyPrefix: keyPrefix(key),
        keyHash: sha256Hex(key),
        permissions: [...new Set(input.permissions)].sort(),
        expiresAt,
      },
      select: KEY_SELECT,
    });
    await writeAudit(tx, ctx, {
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: row.id,
      newData: { name: row.name, prefix: row.keyPrefix, permissions: row.permissions, expires_at: row.expiresAt },
    });
    return row;
  });
  return { api_key: view(created), key };
}

export async function revokeApiKey(db: Db, ctx: TeamContext, keyId: string): Promise<void> {
  requirePermission(ctx, 'team:manage');
  await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { teamId_id: { teamId: ctx.team.id, id: keyId } }, select: KEY_SELECT });
    if (!key) throw new AppError('not_found', 'API key not found');
    // Only the revoke that flips revoked_at records it: a double click (two requests at once)
    // writes one audit row and keeps the first timestamp.
    const { count } = await tx.apiKey.updateMany({
      where: { teamId: ctx.team.id, id: keyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) return;
    await writeAudit(tx, ctx, {
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: keyId,
      oldData: { name: key.name, prefix: key.keyPrefix },
    });
  });
}
