import { AUTOMATION_LIMITS } from '@/lib/actions/action-limits';
import { checkTemplate } from '@/lib/actions/template';
import { typeCondition } from '@/lib/actions/type-condition';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { AutomationInput, ReplaceAutomationInput } from './automation-schemas';

// An automation's body checked against the team (the shape is automation-schemas.ts's):
// * `on.event`: any of AUTOMATION_EVENTS. `scorecard.level_changed` reaches the outbox through
//   migration 0021's trigger, for teams with an enabled automation on it (so from when one is
//   enabled); its entity is the one whose level changed, so a condition means the same as for
//   entity events.
// * `on.blueprint` names a blueprint of the team; a condition needs one.
// * `on.condition`: a query tree over the entity (typed against the blueprint, search 400s under
//   `on.condition`), or `{"changed": ["<property>", ...]}` (entity.updated only; properties of the
//   blueprint's schema, or `$title`).
// * `action` names an action of the team (its id is returned, to store); `inputs` compile as templates.

type Detail = { path: string; message: string };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type CheckedAutomation = { actionId: string; blueprintId: string | null; condition: Record<string, unknown> | null };

function changedFaults(condition: Record<string, unknown>, event: string, schema: unknown): Detail[] {
  const at = '/on/condition';
  const extra = Object.keys(condition).filter((k) => k !== 'changed');
  if (extra.length) return [{ path: `${at}/${extra[0]}`, message: '"changed" stands alone in its condition' }];
  if (event !== 'entity.updated') return [{ path: `${at}/changed`, message: 'only an "entity.updated" event has a before and an after' }];
  const list = condition.changed;
  if (!Array.isArray(list) || list.length === 0 || list.length > AUTOMATION_LIMITS.maxChangedProperties) {
    return [{ path: `${at}/changed`, message: `a list of 1 to ${AUTOMATION_LIMITS.maxChangedProperties} property names` }];
  }
  const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const faults: Detail[] = [];
  list.forEach((name, i) => {
    if (typeof name !== 'string' || (name !== '$title' && !Object.hasOwn(props, name))) {
      faults.push({ path: `${at}/changed/${i}`, message: `names no property of the blueprint (or "$title")` });
    }
  });
  return faults;
}

export async function checkAutomation(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  input: AutomationInput | ReplaceAutomationInput,
): Promise<CheckedAutomation> {
  const faults: Detail[] = [];
  const { event } = input.on;
  const blueprintId = input.on.blueprint ?? null;
  const blueprint = blueprintId
    ? await db.blueprint.findUnique({ where: { teamId_id: { teamId, id: blueprintId } }, select: { id: true, schema: true } })
    : null;
  if (blueprintId && !blueprint) faults.push({ path: '/on/blueprint', message: `the team has no blueprint "${blueprintId}"` });
  const action = await db.action.findUnique({ where: { teamId_identifier: { teamId, identifier: input.action } }, select: { id: true } });
  if (!action) faults.push({ path: '/action', message: `the team has no action "${input.action}"` });
  if (input.inputs !== undefined && input.inputs !== null) faults.push(...checkTemplate(input.inputs, '/inputs'));
  const condition = input.on.condition ?? null;
  const changed = condition !== null && Object.hasOwn(condition, 'changed');
  if (condition && !blueprintId)
    faults.push({ path: '/on/condition', message: 'a condition is about entities of one blueprint: give "on.blueprint"' });
  else if (condition && changed && blueprint) faults.push(...changedFaults(condition, event, blueprint.schema));
  if (faults.length) throw new AppError('validation_failed', 'the automation is not valid', faults);
  if (condition && !changed && blueprint) await typeCondition(db, teamId, blueprint, condition, 'on.condition');
  return { actionId: action!.id, blueprintId, condition };
}
