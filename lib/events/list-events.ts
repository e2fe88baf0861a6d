import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import { eventRow, readEventsSql, type EventCursor, type EventRow } from './read-events.sql';

// The team's change feed (GET /api/v1/teams/{team}/events): the committed events in the order a
// reader can trust (read-events.sql.ts), after an opaque cursor. A feed has no last page: the
// answer always carries the cursor to poll with next, even when no event came.

export const EVENT_KINDS = [
  'entity.created',
  'entity.updated',
  'entity.deleted',
  'entity.restored',
  'entity.links_changed',
  'blueprint.created',
  'blueprint.updated',
  'blueprint.deleted',
  'scorecard.level_changed',
  'run.finished',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type EventView = {
  id: string;
  kind: string;
  blueprint: string;
  entity: { id: string; identifier: string } | null;
  /** `relations`: null when the write did not compare links (a bulk update: README.md). */
  changed: { properties: string[]; relations: string[] | null; title: boolean };
  actor: { type: string; id: string | null };
  request_id: string | null;
  audit_id: string | null;
  /** The run of a run.finished event. */
  run_id: string | null;
  /** scorecard.level_changed: {scorecard, from, to, cause}; run.finished: {action, status}; else null. */
  detail: Record<string, unknown> | null;
  at: string;
};

export type EventFeed = { events: EventView[]; next_cursor: string | null; has_more: boolean };
export type EventFilters = { kinds?: string[]; blueprintId?: string };

const CURSOR = /^(\d{1,20})_(\d{1,19})$/;

/** `<tx>_<id>`: opaque to clients, who pass back `next_cursor`. */
export function encodeEventCursor(row: { tx: string; id: string }): string {
  return `${row.tx}_${row.id}`;
}

export function decodeEventCursor(raw: string): EventCursor {
  const m = CURSOR.exec(raw);
  // Past these the casts to xid8 / bigint would fail in PostgreSQL: a 400 here, never a 500.
  if (!m || BigInt(m[1]) >= 2n ** 64n || BigInt(m[2]) >= 2n ** 63n) {
    throw new AppError('bad_request', 'after is not a valid cursor (pass back the next_cursor of the previous answer)');
  }
  return { tx: m[1], id: m[2] };
}

export function toEventView(r: EventRow): EventView {
  return {
    id: r.id,
    kind: r.kind,
    blueprint: r.blueprint_id,
    entity: r.entity_id && r.identifier ? { id: r.entity_id, identifier: r.identifier } : null,
    changed: { properties: r.changed, relations: r.changed_relations, title: r.title_changed },
    actor: { type: r.actor_type, id: r.actor_id },
    request_id: r.request_id,
    audit_id: r.audit_id,
    run_id: r.run_id,
    detail: r.detail,
    at: r.at.toISOString(),
  };
}

/**
 * The team's committed events after `after` (null: from the oldest kept), up to `limit`, filtered
 * by kind and blueprint. Another team's events are never read: team_id leads the statement.
 */
export async function listTeamEvents(
  db: Db,
  ctx: TeamContext,
  query: EventFilters & { after: string | null; limit: number },
): Promise<EventFeed> {
  requirePermission(ctx, 'entity:read');
  const unknown = query.kinds?.find((k) => !(EVENT_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined) throw new AppError('bad_request', `kind "${unknown}" is not one of ${EVENT_KINDS.join(', ')}`);
  const after = query.after === null ? null : decodeEventCursor(query.after);
  const rows = await runSql(
    db,
    readEventsSql({ teamId: ctx.team.id, after, kinds: query.kinds, blueprintId: query.blueprintId, limit: query.limit + 1 }),
    eventRow,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    events: page.map(toEventView),
    next_cursor: last ? encodeEventCursor(last) : query.after,
    has_more: rows.length > query.limit,
  };
}

/**
 * Every team's committed events after `after`, for the readers to come (automations, outbound
 * webhooks), which keep their own cursor. No context: the system reads for all teams.
 */
export async function readCommittedEvents(db: Db, after: EventCursor | null, limit: number): Promise<EventRow[]> {
  return runSql(db, readEventsSql({ after, limit }), eventRow);
}
