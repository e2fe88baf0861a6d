import { actingUserId } from '@/lib/auth/actor';
import type { TeamContext } from '@/lib/authz/team-context';
import type { AuditAction, AuditResourceType } from '@/lib/domain/audit-actions';
import type { Prisma } from '@/lib/generated/prisma/client';
import { prismaJson } from '@/lib/entities/prisma-json';

// Every change writes one audit row in the same transaction as the change itself: if the change
// rolls back, so does its record, and no change commits without one. Secrets never enter it.

const SECRET_KEYS = new Set([
  'password',
  'password_hash',
  'passwordHash',
  'key_hash',
  'keyHash',
  'key',
  'token',
  'token_hash',
  'tokenHash',
  'secret',
]);

/** A deep copy with secret fields removed and dates as RFC 3339 strings. */
export function redact(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (k, v) => (SECRET_KEYS.has(k) ? undefined : typeof v === 'bigint' ? Number(v) : v)),
  ) as Prisma.InputJsonValue;
}

// Verbatim snapshots keep every member, `__proto__` included, as the entity row does (prisma-json.ts).
function asJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined || value === null ? undefined : prismaJson(value);
}

export type AuditEntry = {
  /** The row's id, when the caller needs it before the row is written (an event that names it). */
  id?: string;
  /** One of the listed actions (lib/domain/audit-actions.ts), which the audit page offers as filters. */
  action: AuditAction;
  entityType: AuditResourceType;
  entityId: string;
  oldData?: unknown;
  newData?: unknown;
  /**
   * Keep the data exactly as given: for user content such as an entity's data, where a property
   * may well be called "key" or "token" and the history must restore it as it was.
   */
  verbatim?: boolean;
};

/** Who acted and from where: the audit columns every row of one request shares. */
export type AuditActor = {
  actorType: string;
  userId: string | null;
  apiKeyId: string | null;
  /** A system row only: the automation or integration it acted for (migration 0014). */
  onBehalfType: string | null;
  onBehalfId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string;
};

export function auditActorOf(ctx: TeamContext): AuditActor {
  const { actor } = ctx;
  return {
    actorType: actor.kind,
    userId: actingUserId(actor),
    apiKeyId: actor.kind === 'api_key' ? actor.keyId : null,
    onBehalfType: actor.kind === 'system' ? actor.on_behalf.type : null,
    onBehalfId: actor.kind === 'system' ? actor.on_behalf.id : null,
    ipAddress: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
  };
}

/** The audit_logs row of `entry` (for writeAudit, and for createMany where a batch changes many). */
export function auditRow(ctx: TeamContext, entry: AuditEntry): Prisma.AuditLogCreateManyInput {
  return {
    teamId: ctx.team.id,
    ...(entry.id && { id: entry.id }),
    ...auditActorOf(ctx),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    oldData: entry.verbatim ? asJson(entry.oldData) : redact(entry.oldData),
    newData: entry.verbatim ? asJson(entry.newData) : redact(entry.newData),
  };
}

/** Writes the row; answers its id (a catalog change's event names it: lib/events). */
export async function writeAudit(tx: Prisma.TransactionClient, ctx: TeamContext, entry: AuditEntry): Promise<string> {
  const { id } = await tx.auditLog.create({ data: auditRow(ctx, entry), select: { id: true } });
  return id;
}
