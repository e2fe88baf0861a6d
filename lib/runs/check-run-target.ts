import type { TeamContext } from '@/lib/authz/team-context';
import { getDb } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { getEntityOrThrow } from '@/lib/entities/get-entity';
import type { EntityRecord } from '@/lib/entities/entity-view';
import { loadBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseGroup } from '@/lib/search/parse-search-body';
import { compileFilter } from '@/lib/search/search-entities';
import { loadSearchRelations } from '@/lib/search/search-relations';
import { loadSearchScorecards, scorecardsNamed } from '@/lib/search/search-scorecards';
import { blueprintValidator } from '@/lib/validation/blueprint-validator';
import { triggerConfigOf, type ActionRow } from '@/lib/actions/action-view';
import { entityInputsOf, inputsSchemaForValidation } from '@/lib/actions/check-user-inputs';
import type { JsonObject } from '@/lib/blueprints/schemas';
import { entityMatchesSql, idRow } from './runs.sql';
import { humaniseError } from '@/lib/validation/humanise-ajv-error';

// What a run is asked with, checked before it is recorded: its entity (day-2 and delete: one of
// the action's blueprint, 404 otherwise, matching the action's condition, checked in SQL by the
// search compiler) and its inputs (the action's user_inputs JSON Schema, with the entities'
// validator cache and limits: 422 with paths under /inputs).

/** The entity of a day-2 or delete run; null for a create action (which takes none). */
export async function checkRunEntity(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  action: ActionRow,
  identifier: string | undefined,
): Promise<EntityRecord | null> {
  if (action.triggerType === 'create') {
    if (identifier !== undefined) throw invalid('/entity', 'a create action takes no entity');
    return null;
  }
  if (identifier === undefined) throw invalid('/entity', `a ${action.triggerType} action needs the entity it acts on`);
  if (!action.blueprintId) throw new AppError('conflict', `action "${action.identifier}" names no blueprint`, { reason: 'action_invalid' });
  const entity = await getEntityOrThrow(tx, ctx, action.blueprintId, identifier);
  const { condition } = triggerConfigOf(action);
  if (condition && !(await matchesCondition(tx, ctx, action.blueprintId, entity.id, condition))) {
    throw new AppError('validation_failed', `entity "${identifier}" does not meet the condition of action "${action.identifier}"`, {
      reason: 'condition_not_met',
      faults: [{ path: '/entity', message: 'does not meet the action condition' }],
    });
  }
  return entity;
}

/** Whether the entity meets a query-tree condition, checked in SQL through the search compiler. */
export async function matchesCondition(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  entityId: string,
  condition: object,
) {
  const query = parseGroup(condition, 'condition');
  const blueprint = await loadBlueprintOrThrow(tx, ctx, blueprintId);
  const relations = await loadSearchRelations(tx, ctx.team.id, blueprintId, query);
  // Scorecard definitions are read outside the run's transaction (a read of settings, not of the entity).
  const scorecards = await loadSearchScorecards(getDb(), ctx.team.id, blueprintId, scorecardsNamed(query, []), ctx);
  const where = compileFilter({ query, q: null }, blueprint.schema, new Date(), relations, scorecards);
  return (await runSql(tx, entityMatchesSql(ctx.team.id, blueprintId, entityId, where), idRow)).length > 0;
}

/** The inputs against user_inputs, compiled once per action version (the entities' cache). */
export function checkRunInputs(teamId: string, action: ActionRow, inputs: unknown): void {
  const validate = blueprintValidator({
    teamId,
    id: action.identifier,
    uid: `action:${action.id}`,
    version: action.version,
    schema: inputsSchemaForValidation(action.userInputs as JsonObject),
  });
  if (validate(inputs)) return;
  const faults = (validate.errors ?? []).map((error) => {
    const p = error.params as { missingProperty?: string; additionalProperty?: string };
    const member =
      error.keyword === 'required' ? p.missingProperty : error.keyword === 'additionalProperties' ? p.additionalProperty : undefined;
    const at = member === undefined ? '' : `/${member.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return { path: `/inputs${error.instancePath}${at}`, message: humaniseError(error) };
  });
  throw new AppError('validation_failed', 'the inputs do not match the action form', faults);
}

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

/**
 * The inputs that name entities (`format: "entity"`, lib/actions/check-user-inputs.ts) name
 * entities of their blueprint that exist: one read per such input (a form has a handful); 422
 * naming the input otherwise.
 */
export async function checkEntityInputs(tx: Prisma.TransactionClient, teamId: string, action: ActionRow, inputs: unknown): Promise<void> {
  const given = (inputs ?? {}) as Record<string, unknown>;
  const faults: { path: string; message: string }[] = [];
  for (const { name, node } of entityInputsOf(action.userInputs)) {
    if (!Object.hasOwn(given, name)) continue;
    const value = given[name];
    const wanted = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (wanted.length === 0 || typeof node.blueprint !== 'string') continue;
    const found = await tx.entity.findMany({
      where: { teamId, blueprintId: node.blueprint, identifier: { in: wanted } },
      select: { identifier: true },
    });
    const known = new Set(found.map((e) => e.identifier));
    const missing = wanted.filter((identifier) => !known.has(identifier));
    if (missing.length > 0) {
      const at = `/inputs/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      faults.push({ path: at, message: `no ${node.blueprint} entity ${missing.map((m) => `"${m}"`).join(', ')}` });
    }
  }
  if (faults.length > 0) throw new AppError('validation_failed', 'the inputs name entities that do not exist', faults);
}
