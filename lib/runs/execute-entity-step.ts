import type { DeleteEntityStep, UpsertEntityStep } from '@/lib/actions/action-types';
import { renderTemplate, TemplateError } from '@/lib/actions/template';
import { systemContext } from '@/lib/authz/system-context';
import type { Db } from '@/lib/db/prisma';
import { createEntity } from '@/lib/entities/create-entity';
import { deleteEntity } from '@/lib/entities/delete-entity';
import type { JsonObject } from '@/lib/entities/schemas';
import { AppError } from '@/lib/errors';
import type { TeamSummary } from '@/lib/teams/team-summary';
import type { RunScope } from './run-scope';
import type { StepLog, StepOutcome } from './step-outcome';

// upsert-entity / delete-entity steps: the fields rendered over the run's scope, then the entity
// services themselves (validation, relations, scorecards, events), as the system acting for the
// run: the audit rows say on_behalf run <id> and request_id run:<id> (migration 0022). The run's
// context may read and write the catalog and nothing else; whoever may run the action may have it
// do what its author (action:write) defined.

const RUN_GRANTS = ['blueprint:read', 'entity:read', 'entity:write', 'entity:delete'] as const;

export function runContext(team: TeamSummary, runId: string) {
  return systemContext(team, { on_behalf: { type: 'run', id: runId }, permissions: [...RUN_GRANTS], requestId: `run:${runId}` });
}

const asText = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || value === '') throw new AppError('validation_failed', `${what} must render to a non-empty string`);
  return value;
};
const asObject = (value: unknown, what: string): JsonObject | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new AppError('validation_failed', `${what} must render to an object`);
  return value as JsonObject;
};

function failureOf(error: unknown): StepOutcome {
  if (error instanceof TemplateError) return { kind: 'fail', message: `the step's template at ${error.path} failed: ${error.message}` };
  if (!(error instanceof AppError)) throw error; // unexpected (the database): the job retries
  const faults = Array.isArray(error.details) ? (error.details as Array<{ path?: string; message?: string }>) : [];
  const detail = faults.map((f) => `${f.path ?? ''} ${f.message ?? ''}`.trim()).join('; ');
  return {
    kind: 'fail',
    message: detail ? `${error.message}: ${detail}` : error.message,
    output: { code: error.code, details: error.details ?? null },
  };
}

export async function executeEntityStep(
  db: Db,
  team: TeamSummary,
  runId: string,
  step: UpsertEntityStep | DeleteEntityStep,
  scope: RunScope,
  log: StepLog,
): Promise<StepOutcome> {
  const ctx = runContext(team, runId);
  try {
    const blueprint = asText(await renderTemplate(step.blueprint, scope, 'blueprint'), 'blueprint');
    const identifier = asText(await renderTemplate(step.identifier, scope, 'identifier'), 'identifier');
    if (step.type === 'delete-entity') {
      try {
        await deleteEntity(db, ctx, blueprint, identifier);
      } catch (error) {
        // Deleted already (by this step before a restart, or by someone): what the step wanted holds.
        if (!(error instanceof AppError && error.code === 'not_found' && /entity/.test(error.message))) throw error;
        await log('info', `entity ${blueprint}/${identifier} was already gone`);
        return { kind: 'done', output: { blueprint, identifier, deleted: false } };
      }
      await log('info', `deleted entity ${blueprint}/${identifier}`);
      return { kind: 'done', output: { blueprint, identifier, deleted: true } };
    }
    const title = step.title === undefined ? undefined : await renderTemplate(step.title, scope, 'title');
    const data = asObject(await renderTemplate(step.data ?? {}, scope, 'data'), 'data') ?? {};
    const relations = asObject(
      step.relations === undefined ? undefined : await renderTemplate(step.relations, scope, 'relations'),
      'relations',
    );
    const input = { identifier, title: typeof title === 'string' ? title : null, data, ...(relations && { relations }) };
    const result = await createEntity(db, ctx, blueprint, input, { upsert: true });
    const created = 'created' in result && result.created;
    await log('info', `${created ? 'created' : 'updated'} entity ${blueprint}/${identifier}`);
    return { kind: 'done', output: { blueprint, identifier, created } };
  } catch (error) {
    return failureOf(error);
  }
}
