import { AppError } from '@/lib/errors';
import { isBlueprintId } from './schemas';

// URL parts of the blueprint routes.

/** A blueprint id from the URL: one that cannot exist is a 404 (never a 400 or a 500). */
export function blueprintParam(value: string): string {
  if (!isBlueprintId(value)) throw new AppError('not_found', 'blueprint not found');
  return value;
}
