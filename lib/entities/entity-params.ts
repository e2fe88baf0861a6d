import { AppError } from '@/lib/errors';
import { isIdentifier } from './schemas';

// URL parts of the entity routes.

const INCLUDES = ['related', 'scorecards'] as const;

/**
 * `?include=related,scorecards` of the entity reads: what to add to each entity view (400 on
 * anything else). `scorecards` takes scorecard:read.
 */
export function includeParam(url: URL): { includeRelated: boolean; includeScorecards: boolean } {
  const raw = url.searchParams.get('include');
  if (raw === null) return { includeRelated: false, includeScorecards: false };
  const parts = raw.split(',').map((p) => p.trim());
  const unknown = parts.find((p) => !(INCLUDES as readonly string[]).includes(p));
  if (unknown !== undefined) throw new AppError('bad_request', `include must be "${INCLUDES.join('", "')}", got "${unknown.slice(0, 30)}"`);
  return { includeRelated: parts.includes('related'), includeScorecards: parts.includes('scorecards') };
}

/**
 * An entity identifier from the URL. Identifiers may hold `/`, `:`, `@` and `+`, which a client
 * percent-encodes; an identifier can never contain `%`, so a remaining `%` means the router left
 * it encoded and decoding once is safe. One that cannot exist is a 404.
 */
export function identifierParam(value: string): string {
  let decoded = value;
  if (value.includes('%')) {
    try {
      decoded = decodeURIComponent(value);
    } catch {
      throw new AppError('not_found', 'entity not found');
    }
  }
  if (!isIdentifier(decoded)) throw new AppError('not_found', 'entity not found');
  return decoded;
}
