import { AppError } from '@/lib/errors';
import { validateEntityData, type DataFault, type ValidatedBlueprint } from '@/lib/validation/blueprint-validator';

// The second validation layer: an entity's `data` against its blueprint's JSON Schema (the same
// ajv rules the browser form runs). `relations` are checked against the blueprint's relation
// definitions and the database in the write transaction (lib/relations/entity-links.ts); their
// faults join these in one 422.

export function entityFaults(blueprint: ValidatedBlueprint, input: { data: unknown }): DataFault[] {
  return validateEntityData(blueprint, input.data);
}

/** Throws 422 `validation_failed` with one `{path, message}` per fault. */
export function throwIfFaults(faults: DataFault[]): void {
  if (faults.length) throw new AppError('validation_failed', 'the entity is not valid', faults);
}

/** Throws 422 `validation_failed` with one `{path, message}` per fault of `data`. */
export function checkEntityInput(blueprint: ValidatedBlueprint, input: { data: unknown }): void {
  throwIfFaults(entityFaults(blueprint, input));
}
