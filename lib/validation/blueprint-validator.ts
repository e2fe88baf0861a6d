import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './create-ajv';

// Entity `data` is checked against its blueprint's JSON Schema with a validator compiled once per
// blueprint *version* and kept in a bounded map. The key is (team, blueprint, version), never a
// time: every saved schema change bumps blueprints.version, so the next request on any instance
// misses the cache and compiles the new schema at once; stale entries simply age out.

export type ValidatedBlueprint = { teamId: string; id: string; version: number; schema: unknown };
export type DataFault = { path: string; message: string };

export const MAX_CACHED_VALIDATORS = 1000;

function keyOf(blueprint: ValidatedBlueprint): string {
  return `${blueprint.teamId}\u0000${blueprint.id}\u0000${blueprint.version}`;
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
      const compiled = createAjv().compile(blueprint.schema as object);
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

function faultOf(error: ErrorObject): DataFault {
  const missing = error.keyword === 'required' ? `/${(error.params as { missingProperty: string }).missingProperty}` : '';
  return { path: `/data${error.instancePath}${missing}`, message: error.message ?? 'is not valid' };
}

/** Faults of `data` against the blueprint's schema, paths under `/data` (empty when valid). */
export function validateEntityData(blueprint: ValidatedBlueprint, data: unknown): DataFault[] {
  const validate = blueprintValidator(blueprint);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(faultOf);
}

