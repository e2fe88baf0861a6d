import type { AutomationEvent } from '@/lib/actions/action-types';
import type { EventRow } from '@/lib/events/read-events.sql';

// Which automations an event concerns, before any database read: the event (an outbox kind maps
// to the event an automation names), the blueprint, and a `{"changed": [...]}` condition. A query
// condition needs the entity as it is in the database (dispatch-automations.ts checks it there).

/** The automation event an outbox kind stands for (a restore is a creation again; a links-only update is an update). */
export const EVENT_OF_KIND: ReadonlyMap<string, AutomationEvent> = new Map([
  ['entity.created', 'entity.created'],
  ['entity.restored', 'entity.created'],
  ['entity.updated', 'entity.updated'],
  ['entity.links_changed', 'entity.updated'],
  ['entity.deleted', 'entity.deleted'],
  ['scorecard.level_changed', 'scorecard.level_changed'],
  ['run.finished', 'run.finished'],
]);

/** The outbox kinds the engine reads. */
export const DISPATCHED_KINDS = [...EVENT_OF_KIND.keys()];

export type AutomationForMatch = {
  team_id: string;
  event: string;
  blueprint_id: string | null;
  condition: unknown;
  created_at: Date;
};

export type ChangedCondition = { changed: string[] };

export function isChangedCondition(condition: unknown): condition is ChangedCondition {
  return typeof condition === 'object' && condition !== null && Array.isArray((condition as { changed?: unknown }).changed);
}

/** A query-tree condition (anything else that is an object and not a `changed` list). */
export function queryConditionOf(condition: unknown): object | null {
  if (condition === null || typeof condition !== 'object' || isChangedCondition(condition)) return null;
  return condition;
}

/**
 * Whether `automation` listens to `event` and its `changed` condition (if any) holds. Events from
 * before the automation existed never start it (an engine catching up after downtime must not run
 * a new automation on old changes).
 */
export function concerns(automation: AutomationForMatch, event: EventRow): boolean {
  if (automation.team_id !== event.team_id) return false;
  if (EVENT_OF_KIND.get(event.kind) !== automation.event) return false;
  if (automation.blueprint_id !== null && automation.blueprint_id !== event.blueprint_id) return false;
  if (event.at < automation.created_at) return false;
  const { condition } = automation;
  if (isChangedCondition(condition)) {
    // Entity events name the data properties that changed (every one set, on a create or a delete);
    // a title change counts as "$title".
    const changed = new Set(event.changed);
    if (event.title_changed) changed.add('$title');
    return condition.changed.some((property) => changed.has(property));
  }
  return true;
}

/** The run whose catalog step or end caused the event: `run:<id>` request ids, or a run.finished event's run. */
export function causingRunId(event: EventRow): string | null {
  if (event.kind === 'run.finished' && event.run_id) return event.run_id;
  const m = /^run:([0-9a-f-]{36})$/.exec(event.request_id ?? '');
  return m ? m[1] : null;
}
