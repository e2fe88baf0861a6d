import type { ErrorObject, ValidateFunction } from 'ajv';
import { AppError } from '@/lib/errors';
import { createAjv } from './create-ajv';
import { humaniseError } from '@/lib/validation/humanise-ajv-error';

// Entity `data` is checked against its blueprint's JSON Schema with a validator compiled once per
// blueprint *version* and kept in a bounded map. The key is (uid, version), never a time: every
// saved schema change bumps blueprints.version, so the next request on any instance misses the
// cache and compiles the new schema at once; stale entries simply age out. `uid` is drawn for each
// blueprint row and never reused (migration 0012): a blueprint deleted and created again under the
// same id restarts at version 1, and (team, id, version) would serve it the old schema.

export type ValidatedBlueprint = { teamId: string; id: string; uid: string; version: number; schema: unknown };
export type DataFault = { path: string; message: string };

export const MAX_CACHED_VALIDATORS = 1000;

function keyOf(blueprint: ValidatedBlueprint): string {
  return `${blueprint.teamId}\u0000${blueprint.uid}\u0000${blueprint.version}`;
}

/**
 * A schema saved before today's rules (a pattern RE2 cannot run, say) no longer compiles: that is
 * the blueprint's fault, told as a 422 that says what to fix, not a 500.
 */
function compile(blueprint: ValidatedBlueprint): ValidateFunction {
  try {
    return createAjv().compile(blueprint.schema as object);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError('validation_failed', `the schema of blueprint "${blueprint.id}" cannot be used; save it again with a fix`, [
      { path: '/data', message: why },
    ]);
  }
}

/** A bounded cache of compiled validators; the least recently used goes first when full. */
export function createValidatorCache(max = MAX_CACHED_VALIDATORS) {
  const cache = new Map<string, ValidateFunction>();
  return {
    get(blueprint: ValidatedBlueprint): ValidateFunction {
      const key = keyOf(blueprint);
      const hit = cache.get(key);
      if (hit) {
        // Re-insert so the map's insertion order is least-recently-used first.
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      // A fresh ajv per schema: a user's `$id` can never collide with another blueprint's, and an
      // evicted validator leaves nothing behind in a shared instance.
      const compiled = compile(blueprint);
      cache.set(key, compiled);
      while (cache.size > max) cache.delete(cache.keys().next().value as string);
      return compiled;
    },
    get size() {
      return cache.size;
    },
  };
}

const shared = createValidatorCache();

/** The compiled validator of this blueprint version (compiled on first use, then cached). */
export function blueprintValidator(blueprint: ValidatedBlueprint): ValidateFunction {
  return shared.get(blueprint);
}

const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A fault at the member it is about: the missing one for `required`, the extra one for `additionalProperties`. */
function faultOf(error: ErrorObject): DataFault {
  const p = error.params as { missingProperty?: string; additionalProperty?: string };
  const member =
    error.keyword === 'required' ? p.missingProperty : error.keyword === 'additionalProperties' ? p.additionalProperty : undefined;
  const at = member === undefined ? '' : `/${token(member)}`;
  return { path: `/data${error.instancePath}${at}`, message: humaniseError(error) };
}

/** Faults of `data` against the blueprint's schema, paths under `/data` (empty when valid). */
export function validateEntityData(blueprint: ValidatedBlueprint, data: unknown): DataFault[] {
  const validate = blueprintValidator(blueprint);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(faultOf);
}
