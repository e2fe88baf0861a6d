import { randomUUID } from 'node:crypto';
import { writeAudit } from '@/lib/audit/write-audit';
import { recordEvent, recordLinkSourceEvents } from '@/lib/events/record-events';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { loadIncomingLinks, loadLinkViews, type IncomingLinks } from '@/lib/relations/entity-links';
import { auditSnapshot, type EntityRecord } from './entity-view';
import { getEntityOrThrow } from './get-entity';
import { loadBlueprintOrThrow } from './load-blueprint';
import type { WriteOptions } from '@/lib/http/etag';
import { expectedVersion } from './update-entity';
import { planRescore, recordDepartures, rescoreEntities } from '@/lib/scorecards/evaluate/rescore-entities';

export type DeleteEntityReport = {
  dry_run: true;
  entity: string;
  blueprint: string;
  would_delete: { incoming_links: IncomingLinks; outgoing_links: number };
};

const countOutgoing = (relations: Record<string, string | string[]>) =>
  Object.values(relations).reduce((n, v) => n + (Array.isArray(v) ? v.length : 1), 0);

/** DELETE ?dry_run=true: the links that would go with the entity (who points at it, and its own); changes nothing. */
export async function previewDeleteEntity(db: Db, ctx: TeamContext, blueprintId: string, identifier: string): Promise<DeleteEntityReport> {
  requirePermission(ctx, 'entity:delete');
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  const current = await getEntityOrThrow(db, ctx, blueprintId, identifier);
  const [incoming, outgoing] = await Promise.all([
    loadIncomingLinks(db, ctx.team.id, current.id),
    loadLinkViews(db, ctx.team.id, [current.id]),
  ]);
  return {
    dry_run: true,
    entity: identifier,
    blueprint: blueprintId,
    would_delete: { incoming_links: incoming, outgoing_links: countOutgoing(outgoing.get(current.id) ?? {}) },
  };
}

/**
 * DELETE: removes the entity if it is still at the version read (and the If-Match one, if sent).
 * Its links, both ways, go with it (ON DELETE CASCADE); the audit row records them.
 */
export async function deleteEntity(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  options: WriteOptions = {},
): Promise<void> {
  requirePermission(ctx, 'entity:delete');
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  await db.$transaction(async (tx) => {
    const current = await getEntityOrThrow(tx, ctx, blueprintId, identifier);
    await deleteEntityRow(tx, ctx, blueprintId, current, expectedVersion(current, options));
  });
}

/**
 * The delete itself inside the caller's transaction, of an entity read in it (at `version`): its
 * links' events, its scorecard history, the audit row and the event. A full sync of an
 * integration (lib/ingest) deletes through it too, so a deletion is recorded one way.
 */
export async function deleteEntityRow(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  current: EntityRecord,
  version: number,
): Promise<void> {
  requirePermission(ctx, 'entity:delete');
  const identifier = current.identifier;
  const incoming = await loadIncomingLinks(tx, ctx.team.id, current.id);
  const relations = (await loadLinkViews(tx, ctx.team.id, [current.id])).get(current.id) ?? {};
  // Its levels end in history before the cascade removes its results; its neighbours are
  // re-evaluated after (a rule that read through its links may change).
  const rescore = await planRescore(tx, ctx, blueprintId, [current.id]);
  await recordDepartures(tx, ctx, rescore, [current.id]);
  // Entities linking to it lose those links by cascade: their events first, while the links exist.
  const auditId = randomUUID();
  await recordLinkSourceEvents(tx, ctx, { targetId: current.id, auditId });
  const { count } = await tx.entity.deleteMany({ where: { teamId: ctx.team.id, id: current.id, version } });
  if (count === 0)
    throw new AppError('conflict', `entity "${identifier}" has changed: reload it and try again`, { reason: 'stale_version' });
  await rescoreEntities(tx, ctx, rescore, []);
  await writeAudit(tx, ctx, {
    id: auditId,
    action: 'entity.deleted',
    entityType: 'entity',
    verbatim: true,
    entityId: current.id,
    // `blueprint`: where a restore of the deleted entity (restore-deleted-entity.ts) may put it back.
    oldData: { ...auditSnapshot(current, relations), blueprint: blueprintId, removed_incoming_links: incoming },
  });
  await recordEvent(tx, ctx, { auditId, blueprintId });
}
