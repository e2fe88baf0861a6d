import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// THE reader of the outbox: the team feed (GET .../events) and every later consumer (automations,
// outbound webhooks) read through readEventsSql, so none can get the order wrong.
//
// Why (tx, id) and not id alone: an identity id is taken when a row is inserted, but transactions
// commit in any order. A reader that kept "the last id" would pass over a row with a smaller id
// that commits later (transaction A inserts id 1, B inserts id 2 and commits, the reader moves past
// 2, A commits: 1 is never read). So a reader reads only rows whose writing transaction is older
// than every transaction still running (tx < pg_snapshot_xmin(pg_current_snapshot())): those
// transactions have all ended, so the set of such rows can only grow by rows with a LARGER tx
// (a transaction id is never handed out twice, nor below the horizon). Ordered by (tx, id), the
// cursor (tx, id) of the last row read can therefore never be overtaken by a later commit. Ordering
// by id with the same horizon is not enough: a transaction with a smaller tx may insert a larger id
// than one with a larger tx (each writes its events at its end), and the second may commit and be
// read first (read-events.int.test.ts shows both cases).
//
// The price: an event becomes readable once every transaction that started before its own has
// ended, so one long transaction anywhere in the cluster (a 60 s bulk batch, a stuck session)
// holds the feed back until it ends. Nothing is lost; it is late.

export type EventCursor = { tx: string; id: string };

export type EventRow = {
  id: string;
  tx: string;
  team_id: string;
  kind: string;
  blueprint_id: string;
  entity_id: string | null;
  identifier: string | null;
  changed: string[];
  changed_relations: string[] | null;
  title_changed: boolean;
  actor_type: string;
  actor_id: string | null;
  request_id: string | null;
  audit_id: string | null;
  run_id: string | null;
  detail: Record<string, unknown> | null;
  at: Date;
};

export const eventRow = rowDecoderFor<EventRow>()({
  id: 'text',
  tx: 'text',
  team_id: 'text',
  kind: 'text',
  blueprint_id: 'text',
  entity_id: 'text?',
  identifier: 'text?',
  changed: 'text[]',
  changed_relations: 'json',
  title_changed: 'bool',
  actor_type: 'text',
  actor_id: 'text?',
  request_id: 'text?',
  audit_id: 'text?',
  run_id: 'text?',
  detail: 'json',
  at: 'date',
});

export type ReadEventsQuery = {
  /** A team's feed; absent: every team's (the global reader of automations and webhooks). */
  teamId?: string;
  after: EventCursor | null;
  kinds?: string[];
  blueprintId?: string;
  limit: number;
};

/**
 * Committed events after `after`, in (tx, id) order. A team's feed: idx_catalog_events_team
 * (team_id, tx, id), a range scan from the cursor; the global reader: idx_catalog_events_tx
 * (tx, id). `kinds` and `blueprintId` filter the rows of that scan.
 */
export function readEventsSql(q: ReadEventsQuery): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`tx < pg_snapshot_xmin(pg_current_snapshot())`];
  if (q.teamId !== undefined) where.push(Prisma.sql`team_id = ${q.teamId}::uuid`);
  if (q.after) where.push(Prisma.sql`(tx, id) > (${q.after.tx}::xid8, ${q.after.id}::bigint)`);
  if (q.kinds?.length) where.push(Prisma.sql`kind = ANY(${q.kinds}::text[])`);
  if (q.blueprintId !== undefined) where.push(Prisma.sql`blueprint_id = ${q.blueprintId}`);
  return Prisma.sql`
    SELECT id::text AS id, tx::text AS tx, team_id::text AS team_id, kind, blueprint_id, entity_id::text AS entity_id, identifier,
           changed, to_jsonb(changed_relations) AS changed_relations, title_changed, actor_type, actor_id, request_id,
           audit_id::text AS audit_id, run_id::text AS run_id, detail, at
      FROM catalog_events
     WHERE ${Prisma.join(where, ' AND ')}
     ORDER BY tx, id
     LIMIT ${q.limit}`;
}

/**
 * Retention: deletes up to `batch` events older than `before`, found through the BRIN index on
 * `at` (idx_catalog_events_at); the rows go by their primary key. Bounded, so a long backlog is
 * pruned in many short statements instead of one that holds locks and WAL for minutes.
 */
export function pruneEventsSql(before: Date, batch: number): Prisma.Sql {
  return Prisma.sql`
    DELETE FROM catalog_events
     WHERE id IN (SELECT id FROM catalog_events WHERE at < ${before} LIMIT ${batch})`;
}
