import { AppError } from '@/lib/errors';

// Bounds on a search, so that no body can make a slow or huge statement: each is a 400 past it.
export const SEARCH_LIMITS = {
  maxDepth: 8,
  maxRules: 200,
  maxInValues: 1000,
  /**
   * Values of all list rules (in, notIn, containsAny, containsAll, relatedTo) added up: bounds
   * rules x values, which the per-rule caps alone did not (200 rules of 500 values each is
   * 100,000 values, planned one by one; issue 11). One rule of 1000 values stays legal.
   */
  maxTotalValues: 2000,
  maxStringLength: 1000,
  maxPropertyLength: 200,
  maxPathSegments: 10,
  maxSortKeys: 5,
  maxQLength: 200,
  maxLimit: 1000,
  defaultLimit: 50,
  /** total is exact up to here, then reported as `gte` this number. */
  totalCap: 10_000,
  /** Counting longer than this answers the planner's estimate instead (total_relation "estimate"). */
  totalTimeoutMs: 250,
} as const;

/** A 400 naming where in the request the fault is (`query.rules[2].value`). */
export function searchError(path: string, message: string): AppError {
  return new AppError('bad_request', `${path}: ${message}`, { path });
}

export type SearchLimit = 'maxDepth' | 'maxRules' | 'maxInValues' | 'maxTotalValues';

/**
 * A 400 for a query refused for its size: `details.reason` "query_too_large", and `details.limit`
 * names the limit reached (with its value in `details.max`), so a client knows what to shrink.
 */
export function limitError(path: string, limit: SearchLimit, message: string): AppError {
  return new AppError('bad_request', `${path}: ${message} (limit ${limit} = ${SEARCH_LIMITS[limit]})`, {
    path,
    reason: 'query_too_large',
    limit,
    max: SEARCH_LIMITS[limit],
  });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** A string PostgreSQL can take as text and as JSON: no NUL, no lone surrogate, bounded. */
export function checkText(value: string, path: string, max: number = SEARCH_LIMITS.maxStringLength): string {
  if (value.length > max) throw searchError(path, `is longer than ${max} characters`);
  if (value.includes('\u0000')) throw searchError(path, 'must not contain the NUL character (\\u0000)');
  if (LONE_SURROGATE.test(value)) throw searchError(path, 'is not well-formed Unicode (a lone surrogate)');
  return value;
}
