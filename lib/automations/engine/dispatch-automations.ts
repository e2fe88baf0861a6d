import { AUTOMATION_EVENTS, AUTOMATION_MAX_DEPTH } from '@/lib/actions/action-types';
import { renderTemplate, TemplateError } from '@/lib/actions/template';
import { systemContext } from '@/lib/authz/system-context';
import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { execSql, runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import { toEventView } from '@/lib/events/list-events';
import { eventRow, readEventsSql, type EventRow } from '@/lib/events/read-events.sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { log } from '@/lib/observability/logger';
import { askRun, enqueueRun } from '@/lib/runs/ask-run';
import { matchesCondition } from '@/lib/runs/check-run-target';
import type { ActionRow } from '@/lib/actions/action-view';
import { loadActionForRun } from '@/lib/actions/load-action';
import {
  advanceConsumerSql,
  auditSnapshotsSql,
  automationRow,
  automationsForSql,
  causingRunRow,
  causingRunsSql,
  currentEntitiesSql,
  currentEntityRow,
  cursorRow,
  initConsumerSql,
  lockConsumerSql,
  savepointSql,
  snapshotRow,
} from './automation-events.sql';
import { causingRunId, concerns, DISPATCHED_KINDS, queryConditionOf } from './match-automation';
import { recordRefusedRun } from './record-refused-run';

// The automations engine (API.md "Automations"): reads the outbox (lib/events) after its cursor,
// and for every event an enabled automation listens to, asks its action's run as the automation.
// One batch is one transaction: the runs it asks and the cursor's move commit together, so an
// event is acted on exactly once (a crash before commit redoes the batch; the idempotency key
// `automation:<id>:<event id>` would also make a repeat the same run).
//
// An automation that cannot start its run (its inputs fail the action's form, the entity has gone,
// the chain is too deep) records a failed run whose log says why, so the failure is visible where
// its runs are, and the batch goes on.

export const AUTOMATIONS_CONSUMER = 'automations';
const BATCH = 200;
const ENGINE_PERMISSIONS = ['action:read', 'action:execute', 'entity:read', 'scorecard:read'] as const;

type Automation = ReturnType<typeof automationRow>;
type Loaded = {
  snapshots: Map<string, { old_data: unknown; new_data: unknown }>;
  entities: Map<string, { id: string; identifier: string; title: string | null; data: unknown }>;
  runs: Map<string, { depth: number; automation_id: string | null }>;
  /** The batch's actions, read once each (by team and identifier), not once per event. */
  actions: Map<string, ActionRow>;
};

export type BatchResult = { state: 'busy' | 'idle' } | { state: 'read'; events: number; runs: number };

async function loadFor(tx: Prisma.TransactionClient, pairs: { event: EventRow }[]): Promise<Loaded> {
  const events = [...new Map(pairs.map((p) => [p.event.id, p.event])).values()];
  const audits = events.filter((e) => e.audit_id).map((e) => ({ teamId: e.team_id, auditId: e.audit_id! }));
  const entities = events
    .filter((e) => e.entity_id && e.kind !== 'entity.deleted')
    .map((e) => ({ teamId: e.team_id, entityId: e.entity_id! }));
  const runs = events.flatMap((e) => {
    const runId = causingRunId(e);
    return runId ? [{ teamId: e.team_id, runId }] : [];
  });
  return {
    snapshots: new Map(audits.length ? (await runSql(tx, auditSnapshotsSql(audits), snapshotRow)).map((r) => [r.id, r]) : []),
    entities: new Map(entities.length ? (await runSql(tx, currentEntitiesSql(entities), currentEntityRow)).map((r) => [r.id, r]) : []),
    runs: new Map(runs.length ? (await runSql(tx, causingRunsSql(runs), causingRunRow)).map((r) => [r.id, r]) : []),
    actions: new Map(),
  };
}

function contextFor(automation: Automation, event: EventRow): TeamContext {
  const team = { id: automation.team_id, slug: automation.team_slug, name: automation.team_name };
  return systemContext(team, {
    on_behalf: { type: 'automation', id: automation.id },
    permissions: ENGINE_PERMISSIONS,
    requestId: `automation:${automation.id}:${event.id}`,
  });
}

/** What the inputs template reads: {event, entity, before, after}. */
function scopeOf(event: EventRow, loaded: Loaded) {
  const snapshot = event.audit_id ? loaded.snapshots.get(event.audit_id) : undefined;
  const before = snapshot?.old_data ?? null;
  const after = snapshot?.new_data ?? null;
  const current = event.entity_id ? loaded.entities.get(event.entity_id) : undefined;
  const entity = current
    ? { identifier: current.identifier, title: current.title, blueprint: event.blueprint_id, data: current.data }
    : ((after ?? before) as object | null);
  return { event: toEventView(event), entity, before, after };
}

type Fault = { path: string; message: string };

/** The {path, message} faults of a 422 (API.md: its details, or details.faults beside a reason). */
function faultsOf(details: unknown): Fault[] {
  const list = Array.isArray(details) ? details : (details as { faults?: unknown } | undefined)?.faults;
  return Array.isArray(list) ? (list as Fault[]).filter((f) => typeof f?.path === 'string').slice(0, 5) : [];
}

/** Starts one automation's run for one event inside the batch; the run to enqueue after commit, if any. */
async function startOne(
  tx: Prisma.TransactionClient,
  automation: Automation,
  event: EventRow,
  loaded: Loaded,
): Promise<{ teamId: string; id: string } | null> {
  const ctx = contextFor(automation, event);
  const parentId = causingRunId(event);
  const parent = parentId ? loaded.runs.get(parentId) : undefined;
  const depth = parent ? parent.depth + 1 : 0;
  // A refused run is one deeper than the limit: its own end starts nothing (no chain of refusals).
  if (depth > AUTOMATION_MAX_DEPTH + 1) return null;
  const actionKey = `${automation.team_id}/${automation.action_identifier}`;
  const action = loaded.actions.get(actionKey) ?? (await loadActionForRun(tx, ctx.team.id, automation.action_identifier));
  loaded.actions.set(actionKey, action);
  const identity = { automation: { id: automation.id, identifier: automation.identifier }, depth };
  const entity = action.triggerType === 'create' ? undefined : (event.identifier ?? undefined);
  const refuse = (reason: string) => recordRefusedRun(tx, ctx, action, { ...identity, entity: entity ?? null, reason });
  if (depth > AUTOMATION_MAX_DEPTH) {
    await refuse(
      `not started: run ${parentId} was itself started by an automation chain ${AUTOMATION_MAX_DEPTH} deep ` +
        `(an automation whose run changes what starts it again); the limit stops the loop here`,
    );
    return null;
  }
  const condition = queryConditionOf(automation.condition);
  if (condition) {
    // A query condition holds on the entity as it is now; a deleted entity has none to test.
    if (!event.entity_id || event.kind === 'entity.deleted') return null;
    if (!(await matchesCondition(tx, ctx, event.blueprint_id, event.entity_id, condition))) return null;
  }
  let inputs: unknown = {};
  try {
    inputs = automation.inputs === null ? {} : await renderTemplate(automation.inputs, scopeOf(event, loaded), '/inputs');
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    await refuse(`not started: the inputs template failed at ${error.path}: ${error.message}`);
    return null;
  }
  await execSql(tx, savepointSql('set'));
  try {
    const { run, created } = await askRun(
      tx,
      ctx,
      action,
      { entity, inputs, idempotency_key: `automation:${automation.id}:${event.id}` },
      identity,
    );
    await execSql(tx, savepointSql('release'));
    return created && run.status === 'queued' ? { teamId: run.teamId, id: run.id } : null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await execSql(tx, savepointSql('rollback'));
    const faults = faultsOf(error.details);
    const where = faults.length ? ` (${faults.map((f) => `${f.path}: ${f.message}`).join('; ')})` : '';
    await refuse(`not started: ${error.message}${where}`);
    return null;
  }
}

/**
 * Reads one batch of events after the engine's cursor and starts the runs they call for. 'busy':
 * another instance holds the cursor; 'idle': nothing new.
 */
export async function dispatchAutomationBatch(db: Db): Promise<BatchResult> {
  await execSql(db, initConsumerSql(AUTOMATIONS_CONSUMER));
  const toEnqueue: { teamId: string; id: string }[] = [];
  const result = await db.$transaction(
    async (tx): Promise<BatchResult> => {
      const [cursor] = await runSql(tx, lockConsumerSql(AUTOMATIONS_CONSUMER), cursorRow);
      if (!cursor) return { state: 'busy' };
      const events = await runSql(tx, readEventsSql({ after: cursor, kinds: DISPATCHED_KINDS, limit: BATCH }), eventRow);
      if (events.length === 0) return { state: 'idle' };
      const teams = [...new Set(events.map((e) => e.team_id))];
      const automations = await runSql(tx, automationsForSql(teams, [...AUTOMATION_EVENTS]), automationRow);
      const pairs = events.flatMap((event) => automations.filter((a) => concerns(a, event)).map((automation) => ({ event, automation })));
      if (pairs.length > 0) {
        const loaded = await loadFor(tx, pairs);
        for (const { event, automation } of pairs) {
          const run = await startOne(tx, automation, event, loaded);
          if (run) toEnqueue.push(run);
        }
      }
      const last = events[events.length - 1];
      await execSql(tx, advanceConsumerSql(AUTOMATIONS_CONSUMER, { tx: last.tx, id: last.id }));
      return { state: 'read', events: events.length, runs: pairs.length };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  for (const run of toEnqueue) await enqueueRun(run);
  if (result.state === 'read' && result.runs > 0) log().info({ events: result.events, runs: result.runs }, 'automations: runs asked');
  return result;
}
