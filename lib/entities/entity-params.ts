import { AppError } from '@/lib/errors';
import { isIdentifier } from './schemas';

// URL parts of the entity routes.

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
