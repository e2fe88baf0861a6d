import { auditActorOf } from '@/lib/audit/write-audit';
import type { TeamContext } from '@/lib/authz/team-context';
import { execSql } from '@/lib/db/run-sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { eventOfAuditRowSql, linkSourcesEventsSql } from './catalog-events.sql';

// The outbox's writers for the services (README.md): called right after the audit write, in the
// same transaction, so an event commits exactly when its change does. (The bulk statement writes
// its events itself, in the same statement as its entities and audit rows: upsert-entities.sql.ts.)

/** The event of a change whose audit row `auditId` was just written (an entity's or a blueprint's). */
export async function recordEvent(tx: Prisma.TransactionClient, ctx: TeamContext, change: { auditId: string; blueprintId: string }) {
  await execSql(tx, eventOfAuditRowSql(ctx.team.id, auditActorOf(ctx), change.auditId, change.blueprintId));
}

/**
 * Before an entity is deleted: `entity.links_changed` for each entity that links to it (those
 * links go with it), naming the delete's audit row `auditId`.
 */
export async function recordLinkSourceEvents(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  change: { targetId: string; auditId: string },
) {
  await execSql(tx, linkSourcesEventsSql(ctx.team.id, auditActorOf(ctx), change.targetId, change.auditId));
}
