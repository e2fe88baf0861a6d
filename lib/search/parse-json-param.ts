import { searchError } from './search-limits';

/** A JSON value passed in a query parameter (facets' `query`); undefined when absent. */
export function parseJsonParam(raw: string | undefined, name: string): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > 64 * 1024) throw searchError(name, 'is longer than 64 KiB (POST the facets request instead)');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw searchError(name, 'is not valid JSON (URL-encode the query object)');
  }
}
