import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The statements of the automations engine (dispatch-automations.ts): its place in the outbox,
// the automations an event batch concerns, and what their conditions and inputs read.

/** Creates the consumer's row at the current end of the outbox (an engine starting for the first time does not replay history). */
export function initConsumerSql(name: string): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO event_consumers (name, tx, id)
    SELECT ${name}, coalesce(max(tx), '0'::xid8), coalesce(max(id), 0)
      FROM (SELECT tx, id FROM catalog_events WHERE tx < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY tx DESC, id DESC LIMIT 1) last
    ON CONFLICT (name) DO NOTHING`;
}

/**
 * The consumer's cursor, row-locked for the batch (primary key). SKIP LOCKED: while another
 * instance dispatches, this one finds no row and leaves the batch to it.
 */
export function lockConsumerSql(name: string): Prisma.Sql {
  return Prisma.sql`SELECT tx::text AS tx, id::text AS id FROM event_consumers WHERE name = ${name} FOR UPDATE SKIP LOCKED`;
}
export const cursorRow = rowDecoder({ tx: 'text', id: 'text' });

export function advanceConsumerSql(name: string, to: { tx: string; id: string }): Prisma.Sql {
  return Prisma.sql`
    UPDATE event_consumers SET tx = ${to.tx}::xid8, id = ${to.id}::bigint, updated_at = CURRENT_TIMESTAMP WHERE name = ${name}`;
}

/** The enabled automations of these teams on these events (idx_automations_event, partial on enabled). */
export function automationsForSql(teamIds: string[], events: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT a.team_id::text AS team_id, a.id::text AS id, a.identifier, a.event, a.blueprint_id, a.condition, a.inputs,
           a.created_at, act.identifier AS action_identifier, t.slug AS team_slug, t.name AS team_name
      FROM automations a
      JOIN actions act ON act.team_id = a.team_id AND act.id = a.action_id
      JOIN teams t ON t.id = a.team_id
     WHERE a.enabled AND a.team_id = ANY(${teamIds}::uuid[]) AND a.event = ANY(${events}::text[])
     ORDER BY a.team_id, a.identifier`;
}
export const automationRow = rowDecoder({
  team_id: 'text',
  id: 'text',
  identifier: 'text',
  event: 'text',
  blueprint_id: 'text?',
  condition: 'json',
  inputs: 'json',
  created_at: 'date',
  action_identifier: 'text',
  team_slug: 'text',
  team_name: 'text',
});

/** The before/after snapshots of the events' audit rows (primary key (team_id, id)). */
export function auditSnapshotsSql(keys: { teamId: string; auditId: string }[]): Prisma.Sql {
  return Prisma.sql`
    SELECT a.id::text AS id, a.old_data, a.new_data
      FROM audit_logs a
      JOIN unnest(${keys.map((k) => k.teamId)}::uuid[], ${keys.map((k) => k.auditId)}::uuid[]) AS k(team_id, id)
        ON a.team_id = k.team_id AND a.id = k.id`;
}
export const snapshotRow = rowDecoder({ id: 'text', old_data: 'json', new_data: 'json' });

/** The entities as they are now (primary key (team_id, id)): the `entity` of level-change and run events. */
export function currentEntitiesSql(keys: { teamId: string; entityId: string }[]): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id::text AS id, e.identifier, e.title, e.data
      FROM entities e
      JOIN unnest(${keys.map((k) => k.teamId)}::uuid[], ${keys.map((k) => k.entityId)}::uuid[]) AS k(team_id, id)
        ON e.team_id = k.team_id AND e.id = k.id`;
}
export const currentEntityRow = rowDecoder({ id: 'text', identifier: 'text', title: 'text?', data: 'json' });

/**
 * The runs that caused these events (a run's catalog steps write with request id `run:<id>`; a
 * run.finished event names its run): their depth in a chain of automation-started runs.
 */
export function causingRunsSql(keys: { teamId: string; runId: string }[]): Prisma.Sql {
  return Prisma.sql`
    SELECT r.id::text AS id, r.depth, r.automation_id::text AS automation_id
      FROM action_runs r
      JOIN unnest(${keys.map((k) => k.teamId)}::uuid[], ${keys.map((k) => k.runId)}::uuid[]) AS k(team_id, id)
        ON r.team_id = k.team_id AND r.id = k.id`;
}
export const causingRunRow = rowDecoder({ id: 'text', depth: 'int', automation_id: 'text?' });

/** Whether any automation is enabled anywhere (the dispatcher keeps polling only then). */
export function anyEnabledAutomationSql(): Prisma.Sql {
  return Prisma.sql`SELECT EXISTS (SELECT 1 FROM automations WHERE enabled) AS any`;
}
export const anyRow = rowDecoder({ any: 'bool' });

/**
 * A savepoint around one run request of a batch: a request that fails (a 404, a 422) is undone
 * alone and the batch goes on.
 */
export function savepointSql(step: 'set' | 'release' | 'rollback'): Prisma.Sql {
  if (step === 'set') return Prisma.sql`SAVEPOINT automation_run`;
  if (step === 'release') return Prisma.sql`RELEASE SAVEPOINT automation_run`;
  return Prisma.sql`ROLLBACK TO SAVEPOINT automation_run`;
}
