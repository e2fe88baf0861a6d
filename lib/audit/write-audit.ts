import type { TeamContext } from '@/lib/authz/team-context';
import type { Prisma } from '@/lib/generated/prisma/client';

// Every change writes one audit row in the same transaction as the change itself: if the change
// rolls back, so does its record, and no change commits without one. Secrets never enter it.

const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'key_hash', 'keyHash', 'key', 'token', 'token_hash', 'tokenHash', 'secret']);

/** A deep copy with secret fields removed and dates as RFC 3339 strings. */
export function redact(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (k, v) => (SECRET_KEYS.has(k) ? undefined : typeof v === 'bigint' ? Number(v) : v)),
  ) as Prisma.InputJsonValue;
}

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  oldData?: unknown;
  newData?: unknown;
};

/** The audit_logs row of `entry` (for writeAudit, and for createMany where a batch changes many). */
export function auditRow(ctx: TeamContext, entry: AuditEntry): Prisma.AuditLogCreateManyInput {
  const { actor } = ctx;
  return {
    teamId: ctx.team.id,
    actorType: actor.kind,
    userId: actor.kind === 'user' ? actor.userId : actor.creatorId,
    apiKeyId: actor.kind === 'api_key' ? actor.keyId : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    oldData: redact(entry.oldData),
    newData: redact(entry.newData),
    ipAddress: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
  };
}

export async function writeAudit(tx: Prisma.TransactionClient, ctx: TeamContext, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: auditRow(ctx, entry) });
}
