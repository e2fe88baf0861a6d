import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { execSql, runSql } from '@/lib/db/run-sql';
import { ownValue, recordOf } from '@/lib/domain/own-keys';
import type { Prisma } from '@/lib/generated/prisma/client';
import { checkLinkShape, type Fault } from './check-link-shape';
import { incomingLinkRow, incomingLinksSql, outgoingLinkRow, outgoingLinksSql, replaceLinksSql } from './links.sql';
import { loadRelationDefsTx } from './relation-definitions.sql';
import { resolveLinks, type ResolvedLink } from './resolve-links';
import { singleTarget, type RelationDef, type RelationType } from './relation-types';

// An entity's links as the entity services use them: checked and resolved before the entity is
// written (so a bad item writes nothing), written after (the new entity's id is known then), all
// inside the same transaction, and read back for views a page at a time.

/** `relations: null`: leave the entity's links as they are (an upsert that did not send any). */
export type LinkRequest = { relations: Record<string, unknown> | null; requireAll: boolean; existingId: string | null };
/** `links: null`: nothing to write for this item. */
export type PreparedLinks = { faults: Fault[]; links: ResolvedLink[] | null };

export async function relationDefsOf(tx: Prisma.TransactionClient, ctx: TeamContext, blueprintId: string): Promise<RelationDef[]> {
  return loadRelationDefsTx(tx, ctx.team.id, blueprintId);
}

export async function prepareLinks(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  defs: RelationDef[],
  requests: LinkRequest[],
): Promise<PreparedLinks[]> {
  const shaped = requests.map((r) => (r.relations === null ? null : checkLinkShape(defs, r.relations, r.requireAll)));
  const resolvable = requests.map((r, i) => ({
    sourceId: r.existingId,
    wanted: shaped[i] && shaped[i].faults.length === 0 ? shaped[i].wanted : new Map(),
  }));
  const resolved = await resolveLinks(tx, ctx.team.id, resolvable);
  return requests.map((_, i) => {
    const shape = shaped[i];
    if (shape === null) return { faults: [], links: null };
    if (shape.faults.length) return { faults: shape.faults, links: null };
    return { faults: resolved[i].faults, links: resolved[i].faults.length ? null : resolved[i].links };
  });
}

/** Writes the prepared links of entities whose ids are now known (one statement for them all). */
export async function writeLinks(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  entries: Array<{ sourceId: string; links: ResolvedLink[] }>,
): Promise<void> {
  if (entries.length === 0) return;
  const links = entries.flatMap((e) => e.links.map((l) => ({ ...l, sourceId: e.sourceId })));
  await execSql(
    tx,
    replaceLinksSql(
      ctx.team.id,
      entries.map((e) => e.sourceId),
      links,
    ),
  );
}

export type LinksView = Record<string, string | string[]>;
/** `related` (?include=related): each relation's targets with their titles, always a list. */
export type RelatedEntity = { identifier: string; title: string | null; blueprint: string };
export type RelatedView = Record<string, RelatedEntity[]>;
export type PageLinks = { views: Map<string, LinksView>; related: Map<string, RelatedView> };

/**
 * The outgoing links of a page of entities in ONE query, as `relations` (a many-to-one or
 * one-to-one relation as the target's identifier, the others as arrays) and as `related` (the
 * targets' titles and blueprints): the titles come with the identifiers, so including them costs
 * no query at all.
 */
export async function loadPageLinks(db: Db | Prisma.TransactionClient, teamId: string, entityIds: string[]): Promise<PageLinks> {
  const out: PageLinks = { views: new Map(), related: new Map() };
  if (entityIds.length === 0) return out;
  const rows = await runSql(db, outgoingLinksSql(teamId, entityIds), outgoingLinkRow);
  // Relation ids are user-chosen (`constructor`, `toString`...): collected in Maps, made plain
  // objects (own keys only) once complete.
  const views = new Map<string, Map<string, string | string[]>>();
  const related = new Map<string, Map<string, RelatedEntity[]>>();
  for (const r of rows) {
    const view = views.get(r.source_id) ?? new Map<string, string | string[]>();
    views.set(r.source_id, view);
    if (singleTarget(r.type as RelationType)) view.set(r.relation, r.target);
    else view.set(r.relation, [...((view.get(r.relation) as string[] | undefined) ?? []), r.target]);
    const byRelation = related.get(r.source_id) ?? new Map<string, RelatedEntity[]>();
    related.set(r.source_id, byRelation);
    const targets = byRelation.get(r.relation) ?? [];
    byRelation.set(r.relation, targets);
    targets.push({ identifier: r.target, title: r.target_title, blueprint: r.target_blueprint });
  }
  for (const [id, view] of views) out.views.set(id, recordOf(view));
  for (const [id, byRelation] of related) out.related.set(id, recordOf(byRelation));
  return out;
}

export async function loadLinkViews(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  entityIds: string[],
): Promise<Map<string, LinksView>> {
  return (await loadPageLinks(db, teamId, entityIds)).views;
}

export type IncomingLinks = {
  count: number;
  sample: Array<{ blueprint: string; identifier: string; title: string | null; relation: string }>;
};

/** Who points at an entity (a delete's dry run, its audit row): the count and the first 100. */
export async function loadIncomingLinks(db: Db | Prisma.TransactionClient, teamId: string, entityId: string): Promise<IncomingLinks> {
  const rows = await runSql(db, incomingLinksSql(teamId, entityId, 100), incomingLinkRow);
  return {
    count: rows[0]?.total ?? 0,
    sample: rows.map(({ blueprint, identifier, title, relation }) => ({ blueprint, identifier, title, relation })),
  };
}

/**
 * The `relations` view a write of `requested` (a valid entity body's `relations`) leaves behind,
 * without reading it back: what a batch's audit rows record (a bulk write has no per-entity reads).
 */
export function linksViewOf(requested: Record<string, unknown>, defs: RelationDef[]): LinksView {
  const view = new Map<string, string | string[]>();
  for (const def of defs) {
    const value = ownValue(requested, def.id);
    const targets = [...new Set(typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [])].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    if (targets.length) view.set(def.id, singleTarget(def.type) ? targets[0] : targets);
  }
  return recordOf(view);
}
