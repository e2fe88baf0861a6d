import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ActionInput, ReplaceActionInput } from './action-schemas';
import type { TriggerConfig } from './action-types';
import { checkActionSteps } from './check-action-steps';
import { checkUserInputs } from './check-user-inputs';
import { typeCondition } from './type-condition';

// An action's body checked against the team (the shape is action-schemas.ts's): the blueprint
// and every blueprint a step or an entity input names exist in the team (422 naming the place),
// the condition is a query tree typed against the blueprint (400, search paths under
// `condition`) and only for day-2 and delete (a create has no entity: 422), the user inputs pass
// the blueprint-schema checks, the steps theirs (URLs, headers, templates).

type Detail = { path: string; message: string };

export type CheckedAction = { triggerConfig: TriggerConfig };

async function existingBlueprints(db: Db | Prisma.TransactionClient, teamId: string, ids: string[]) {
  const rows = await db.blueprint.findMany({ where: { teamId, id: { in: [...new Set(ids)] } }, select: { id: true, schema: true } });
  return new Map(rows.map((r) => [r.id, r.schema]));
}

export async function checkAction(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  input: ActionInput | ReplaceActionInput,
): Promise<CheckedAction> {
  const entityInputs = checkUserInputs(input.user_inputs);
  const steps = checkActionSteps(input.steps);
  const named = [
    { path: '/blueprint', blueprint: input.blueprint },
    ...entityInputs.map((e) => ({ ...e, path: `${e.pointer}/blueprint` })),
  ];
  named.push(...steps.blueprints);
  const schemas = await existingBlueprints(
    db,
    teamId,
    named.map((n) => n.blueprint),
  );
  const faults: Detail[] = [...steps.faults];
  for (const n of named)
    if (!schemas.has(n.blueprint)) faults.push({ path: n.path, message: `the team has no blueprint "${n.blueprint}"` });
  const condition = input.condition ?? null;
  if (condition && input.trigger === 'create') {
    faults.push({ path: '/condition', message: 'a "create" action has no entity to match: leave the condition out' });
  }
  if (faults.length) throw new AppError('validation_failed', 'the action is not valid', faults);
  if (condition) await typeCondition(db, teamId, { id: input.blueprint, schema: schemas.get(input.blueprint) }, condition, 'condition');
  const approval = input.approval ? { required: input.approval.required, allow_self: input.approval.allow_self ?? false } : null;
  return { triggerConfig: { condition, approval } };
}
