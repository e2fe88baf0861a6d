import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The raw statements of runs (lib/db/README.md). Each names the index that serves it. The runner's
// step claims are conditional UPDATEs: the row's own state (status, step_index, the step's lease)
// decides which of two concurrent workers runs a step, so none runs twice.

export const idRow = rowDecoder({ id: 'text' });

/**
 * Whether the entity matches an action's condition (`where` compiled by lib/search over alias e).
 * The primary key (team_id, id) finds the one row; the condition is evaluated on it alone.
 */
export function entityMatchesSql(teamId: string, blueprintId: string, entityId: string, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id::text AS id FROM entities e
     WHERE e.team_id = ${teamId}::uuid AND e.id = ${entityId}::uuid AND e.blueprint_id = ${blueprintId} AND ${where}`;
}

/**
 * Takes step `index` for `leaseSeconds`: only while the run is running at that step and no other
 * worker holds an unexpired lease on it (a worker that died loses it when the lease ends).
 * Primary key (team_id, id).
 */
export function claimStepSql(teamId: string, runId: string, index: number, result: object, leaseSeconds: number): Prisma.Sql {
  const leased = { ...result, lease_until: null };
  return Prisma.sql`
    UPDATE action_runs
       SET step_results = jsonb_set(step_results, ARRAY[${String(index)}],
                                    jsonb_set(${JSON.stringify(leased)}::jsonb, '{lease_until}',
                                              to_jsonb(clock_timestamp() + make_interval(secs => ${leaseSeconds}::float8)))),
           updated_at = clock_timestamp()
     WHERE team_id = ${teamId}::uuid AND id = ${runId}::uuid AND status = 'running' AND step_index = ${index}
       AND report_deadline IS NULL
       AND coalesce((step_results -> ${index}::int ->> 'lease_until')::timestamptz, '-infinity') <= clock_timestamp()
    RETURNING id::text AS id`;
}

/**
 * Records step `index`'s result while the run is still running at that step; `advance` moves
 * step_index on in the same statement (the step is then acknowledged: a resumed run starts after
 * it). `holdSeconds` keeps a lease (a retry waiting for its backoff); `reportDeadline` makes the
 * run wait for the external system's PATCH. Primary key (team_id, id).
 */
export function recordStepSql(
  teamId: string,
  runId: string,
  index: number,
  result: object,
  options: { advance: boolean; holdSeconds?: number; reportDeadline?: Date },
): Prisma.Sql {
  const hold = options.holdSeconds ?? 0;
  return Prisma.sql`
    UPDATE action_runs
       SET step_results = jsonb_set(step_results, ARRAY[${String(index)}],
                                    jsonb_set(${JSON.stringify({ ...result, lease_until: null })}::jsonb, '{lease_until}',
                                              CASE WHEN ${hold}::float8 > 0 THEN to_jsonb(clock_timestamp() + make_interval(secs => ${hold}::float8))
                                                   ELSE 'null'::jsonb END)),
           step_index = step_index + ${options.advance ? 1 : 0},
           report_deadline = ${options.reportDeadline ?? null}::timestamptz,
           updated_at = clock_timestamp()
     WHERE team_id = ${teamId}::uuid AND id = ${runId}::uuid AND status = 'running' AND step_index = ${index}
    RETURNING id::text AS id`;
}

/** A log line the runner writes with its next statement on the run (execute-run.ts). */
export type PendingLogLine = { at: string; level: string; step: number | null; message: string };

/**
 * One statement on one run: `update` (an UPDATE of the run, RETURNING id::text AS id) and, only
 * when it changed the row, the inserts of `also` (each `INSERT ... SELECT ... FROM changed`) and
 * the runner's pending log lines (in their order, while the run holds fewer than `cap` lines).
 * One statement is atomic without a transaction, and one round trip instead of three or five: the
 * runner's cost per run is mostly statements (bench/action-runs.ts).
 */
export function runStatementSql(
  run: { teamId: string; id: string },
  update: Prisma.Sql,
  options: { also?: Prisma.Sql[]; lines?: readonly PendingLogLine[]; cap?: number } = {},
): Prisma.Sql {
  const lines = options.lines ?? [];
  const ctes = [
    Prisma.sql`changed AS (${update})`,
    ...(options.also ?? []).map((sql, i) => Prisma.sql`${Prisma.raw(`also_${i}`)} AS (${sql})`),
  ];
  if (lines.length > 0) {
    const numbered = JSON.stringify(lines.map((line, n) => ({ ...line, n })));
    ctes.push(Prisma.sql`logged AS (
      INSERT INTO action_run_logs (team_id, run_id, at, level, step, source, message)
      SELECT ${run.teamId}::uuid, ${run.id}::uuid, l.at, l.level, l.step, 'baseplate', l.message
        FROM changed,
             jsonb_to_recordset(${numbered}::jsonb) AS l(at timestamptz, level text, step smallint, message text, n int)
       WHERE (SELECT count(*) FROM (SELECT 1 FROM action_run_logs
                                     WHERE team_id = ${run.teamId}::uuid AND run_id = ${run.id}::uuid LIMIT ${options.cap ?? 5000}) AS kept)
             < ${options.cap ?? 5000}
       ORDER BY l.n)`);
  }
  if (ctes.length === 1) return update;
  return Prisma.sql`WITH ${Prisma.join(ctes, ',\n')} SELECT id FROM changed`;
}

export type FinishFields = { status: string; error?: string | null; summary?: string | null; link?: string | null };
export type FinishedRunRef = {
  teamId: string;
  id: string;
  blueprintId: string;
  entityId: string | null;
  identifier: string | null;
  action: string;
};

/**
 * Ends an open run (final status, finished_at, its token void) and writes its run.finished event
 * (the outbox, lib/events) in the same statement. With `step`, the run's last step is recorded as
 * done in it too: only while the run is running at that step (the runner's acknowledgement and
 * the end are one write). Primary key (team_id, id); the event writes its table's indexes only.
 */
export function finishRunSql(
  run: FinishedRunRef,
  finish: FinishFields,
  actor: { type: string; id: string | null; requestId: string },
  step?: { index: number; result: object },
): { update: Prisma.Sql; event: Prisma.Sql } {
  const set = [
    Prisma.sql`status = ${finish.status}`,
    Prisma.sql`finished_at = clock_timestamp()`,
    Prisma.sql`token_hash = NULL`,
    Prisma.sql`report_deadline = NULL`,
    Prisma.sql`updated_at = clock_timestamp()`,
  ];
  if (finish.error !== undefined) set.push(Prisma.sql`error = ${finish.error}`);
  if (finish.summary !== undefined) set.push(Prisma.sql`summary = ${finish.summary}`);
  if (finish.link !== undefined) set.push(Prisma.sql`link = ${finish.link}`);
  let open = Prisma.sql`status IN ('queued', 'waiting_approval', 'running')`;
  if (step) {
    const result = JSON.stringify({ ...step.result, lease_until: null });
    set.push(Prisma.sql`step_results = jsonb_set(step_results, ARRAY[${String(step.index)}], ${result}::jsonb)`);
    set.push(Prisma.sql`step_index = step_index + 1`);
    open = Prisma.sql`status = 'running' AND step_index = ${step.index}`;
  }
  const detail = JSON.stringify({ action: run.action, status: finish.status });
  return {
    update: Prisma.sql`
      UPDATE action_runs SET ${Prisma.join(set, ', ')}
       WHERE team_id = ${run.teamId}::uuid AND id = ${run.id}::uuid AND ${open}
      RETURNING id::text AS id`,
    event: Prisma.sql`
      INSERT INTO catalog_events (team_id, kind, blueprint_id, entity_id, identifier, actor_type, actor_id, request_id, run_id, detail)
      SELECT ${run.teamId}::uuid, 'run.finished', ${run.blueprintId}, ${run.entityId}::uuid, ${run.identifier},
             ${actor.type}, ${actor.id}, ${actor.requestId}, ${run.id}::uuid, ${detail}::jsonb
        FROM changed`,
  };
}

/**
 * Appends a log line unless the run already has `cap` lines (a chatty external system cannot fill
 * the table). The count reads the primary key prefix (team_id, run_id); at most `cap` entries.
 */
export function appendLogSql(
  teamId: string,
  runId: string,
  line: { level: string; step: number | null; source: 'baseplate' | 'external'; message: string },
  cap: number,
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO action_run_logs (team_id, run_id, level, step, source, message)
    SELECT ${teamId}::uuid, ${runId}::uuid, ${line.level}, ${line.step}::smallint, ${line.source}, ${line.message}
     WHERE (SELECT count(*) FROM (SELECT 1 FROM action_run_logs
                                   WHERE team_id = ${teamId}::uuid AND run_id = ${runId}::uuid LIMIT ${cap}) AS kept) < ${cap}
    RETURNING id::text AS id`;
}

export const logRow = rowDecoder({ id: 'int', at: 'date', level: 'text', step: 'int?', source: 'text', message: 'text' });

/** A run's log lines after id `afterId`, oldest first. Primary key (team_id, run_id, id). */
export function logsAfterSql(teamId: string, runId: string, afterId: number, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT id, at, level, step, source, message FROM action_run_logs
     WHERE team_id = ${teamId}::uuid AND run_id = ${runId}::uuid AND id > ${afterId}
     ORDER BY id LIMIT ${limit}`;
}

export type RunFilter = {
  actionId?: string;
  entityId?: string;
  blueprintId?: string;
  status?: string;
  since?: Date;
  after?: { createdAt: Date; id: string };
};

/**
 * A page of the team's runs, newest first, keyset on (created_at, id). The index is picked by the
 * filter: idx_action_runs_entity (team_id, entity_id, created_at DESC, id DESC) for an entity,
 * idx_action_runs_blueprint (team_id, blueprint_id, created_at DESC, id DESC) for a blueprint,
 * idx_action_runs_action (team_id, action_id, ...) for an action, else idx_action_runs_team
 * (team_id, created_at DESC, id DESC); status and since are checked on the rows the index yields.
 */
export function listRunsSql(teamId: string, filter: RunFilter, limit: number): Prisma.Sql {
  const conditions = [Prisma.sql`r.team_id = ${teamId}::uuid`];
  if (filter.entityId) conditions.push(Prisma.sql`r.entity_id = ${filter.entityId}::uuid`);
  if (filter.blueprintId) conditions.push(Prisma.sql`r.blueprint_id = ${filter.blueprintId}`);
  if (filter.actionId) conditions.push(Prisma.sql`r.action_id = ${filter.actionId}::uuid`);
  if (filter.status) conditions.push(Prisma.sql`r.status = ${filter.status}`);
  if (filter.since) conditions.push(Prisma.sql`r.created_at >= ${filter.since}`);
  if (filter.after) {
    conditions.push(Prisma.sql`(r.created_at, r.id) < (${filter.after.createdAt}::timestamptz, ${filter.after.id}::uuid)`);
  }
  return Prisma.sql`
    SELECT r.id::text AS id, r.created_at AS "createdAt" FROM action_runs r
     WHERE ${Prisma.join(conditions, ' AND ')}
     ORDER BY r.created_at DESC, r.id DESC
     LIMIT ${limit + 1}`;
}

export const runKeyRow = rowDecoder({ id: 'text', createdAt: 'date' });

/**
 * Runs with work and possibly no job: queued, or running and not waiting for a report. The partial
 * index idx_action_runs_open (status, team_id, created_at) holds only open runs.
 */
export function openRunsSql(limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT team_id::text AS "teamId", id::text AS id FROM action_runs
     WHERE status IN ('queued', 'running') AND report_deadline IS NULL
     ORDER BY created_at LIMIT ${limit}`;
}

/** Running runs whose report deadline passed (the sweep fails them). Same partial index. */
export function overdueReportsSql(limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT team_id::text AS "teamId", id::text AS id FROM action_runs
     WHERE status IN ('queued', 'waiting_approval', 'running') AND status = 'running' AND report_deadline < clock_timestamp()
     LIMIT ${limit}`;
}

export const runRefRow = rowDecoder({ teamId: 'text', id: 'text' });

/** Locks one run row for a transition (approval, cancel, report). Primary key (team_id, id). */
export function lockRunSql(teamId: string, runId: string): Prisma.Sql {
  return Prisma.sql`SELECT id::text AS id FROM action_runs WHERE team_id = ${teamId}::uuid AND id = ${runId}::uuid FOR UPDATE`;
}

/** The columns of a RunRecord (run-view.ts), as the runner's raw statements return them. */
const RUN_COLUMNS = Prisma.raw(`team_id::text AS "teamId", id::text AS id, action_id::text AS "actionId",
  entity_id::text AS "entityId", blueprint_id AS "blueprintId", entity_identifier AS "entityIdentifier", status,
  inputs, step_results AS "stepResults", action_snapshot AS "actionSnapshot", requested_by AS "requestedBy",
  triggered_by AS "triggeredBy", error, link, summary, step_index AS "stepIndex", approval,
  automation_id::text AS "automationId", depth, report_deadline AS "reportDeadline", created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`);

export const runRecordRow = rowDecoder({
  teamId: 'text',
  id: 'text',
  actionId: 'text',
  entityId: 'text?',
  blueprintId: 'text?',
  entityIdentifier: 'text?',
  status: 'text',
  inputs: 'json',
  stepResults: 'json',
  actionSnapshot: 'json',
  requestedBy: 'json',
  triggeredBy: 'text?',
  error: 'text?',
  link: 'text?',
  summary: 'text?',
  stepIndex: 'int',
  approval: 'json',
  automationId: 'text?',
  depth: 'int',
  reportDeadline: 'date?',
  createdAt: 'date',
  startedAt: 'date?',
  finishedAt: 'date?',
  started: 'bool',
});

/**
 * The runner's first read of a job: the run, started (queued -> running) in the same statement
 * when it was queued (`started` says so). Primary key (team_id, id). The second branch reads the
 * row only when the UPDATE changed nothing (a CTE's change is not visible to its own statement).
 */
export function openRunSql(teamId: string, runId: string): Prisma.Sql {
  return Prisma.sql`
    WITH started AS (
      UPDATE action_runs SET status = 'running', started_at = coalesce(started_at, clock_timestamp()), updated_at = clock_timestamp()
       WHERE team_id = ${teamId}::uuid AND id = ${runId}::uuid AND status = 'queued'
      RETURNING ${RUN_COLUMNS}, TRUE AS started)
    SELECT * FROM started
    UNION ALL
    SELECT ${RUN_COLUMNS}, FALSE AS started FROM action_runs
     WHERE team_id = ${teamId}::uuid AND id = ${runId}::uuid AND NOT EXISTS (SELECT 1 FROM started)`;
}

export const scopeEntityRow = rowDecoder({
  id: 'text',
  identifier: 'text',
  blueprintId: 'text',
  title: 'text?',
  data: 'json',
  owners: 'text[]',
  createdBy: 'text?',
  updatedBy: 'text?',
  createdAt: 'date',
  updatedAt: 'date',
});

/** The entity a run acts on, as a step's templates see it. Primary key (team_id, id). */
export function scopeEntitySql(teamId: string, entityId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT id::text AS id, identifier, blueprint_id AS "blueprintId", title, data, owners, created_by::text AS "createdBy",
           updated_by::text AS "updatedBy", created_at AS "createdAt", updated_at AS "updatedAt"
      FROM entities WHERE team_id = ${teamId}::uuid AND id = ${entityId}::uuid`;
}

export const signingSecretRow = rowDecoder({ id: 'text', identifier: 'text', signingSecret: 'text?' });

/** An action's sealed signing secret, read when a webhook is sent (a rotation applies at once). Primary key. */
export function signingSecretSql(teamId: string, actionId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT id::text AS id, identifier, signing_secret AS "signingSecret" FROM actions
     WHERE team_id = ${teamId}::uuid AND id = ${actionId}::uuid`;
}
