import { isBlueprintId } from '@/lib/blueprints/schemas';
import { AppError } from '@/lib/errors';
import { ACTION_IDENTIFIER, AUTOMATION_IDENTIFIER } from './action-limits';
import { TRIGGERS, type Trigger } from './action-types';
import type { ListActionsFilter } from './action-service';

// URL parts of the action and automation routes: an identifier that cannot exist is a 404 (never
// a 400 or a 500); a filter value that means nothing is a 400 naming it.

export function actionParam(value: string): string {
  if (!ACTION_IDENTIFIER.test(value)) throw new AppError('not_found', 'action not found');
  return value;
}

export function automationParam(value: string): string {
  if (!AUTOMATION_IDENTIFIER.test(value)) throw new AppError('not_found', 'automation not found');
  return value;
}

/** `?blueprint=` and `?trigger=` of GET .../actions. */
export function listActionsFilter(url: URL): ListActionsFilter {
  const blueprint = url.searchParams.get('blueprint');
  const trigger = url.searchParams.get('trigger');
  if (blueprint !== null && !isBlueprintId(blueprint))
    throw new AppError('bad_request', `blueprint "${blueprint.slice(0, 60)}" is not a blueprint id`);
  if (trigger !== null && !(TRIGGERS as readonly string[]).includes(trigger)) {
    throw new AppError('bad_request', `trigger must be one of ${TRIGGERS.join(', ')}`);
  }
  return { ...(blueprint ? { blueprint } : {}), ...(trigger ? { trigger: trigger as Trigger } : {}) };
}
