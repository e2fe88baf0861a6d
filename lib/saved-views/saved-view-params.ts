import { VIEW_IDENTIFIER } from '@/lib/domain/saved-views';
import { AppError } from '@/lib/errors';

/** A view identifier from the URL: one that cannot exist is a 404 (never a 400 or a 500). */
export function savedViewParam(value: string): string {
  if (!VIEW_IDENTIFIER.test(value)) throw new AppError('not_found', 'view not found');
  return value;
}
