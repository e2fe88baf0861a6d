import { AppError } from '@/lib/errors';
import { validateEntityData, type DataFault, type ValidatedBlueprint } from '@/lib/validation/blueprint-validator';

// The second validation layer: an entity's `data` against its blueprint's JSON Schema (the same
// ajv rules the browser form runs), and `relations`, which the relations issue will bring: until
// then only an empty `{}` is accepted, so a client that sends links learns they were not stored.

export function relationFaults(relations: unknown): DataFault[] {
  if (relations === undefined || (typeof relations === 'object' && relations !== null && Object.keys(relations).length === 0)) return [];
  return [{ path: '/relations', message: 'relations are not supported yet: send {} or leave the field out' }];
}

export function entityFaults(blueprint: ValidatedBlueprint, input: { data: unknown; relations?: unknown }): DataFault[] {
  return [...relationFaults(input.relations), ...validateEntityData(blueprint, input.data)];
}

/** Throws 422 `validation_failed` with one `{path, message}` per fault. */
export function checkEntityInput(blueprint: ValidatedBlueprint, input: { data: unknown; relations?: unknown }): void {
  const faults = entityFaults(blueprint, input);
  if (faults.length) throw new AppError('validation_failed', 'the entity is not valid', faults);
}
