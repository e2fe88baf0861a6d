import { AppError } from '@/lib/errors';
import { INTEGRATION_IDENTIFIER } from './integration-limits';

// URL parts of the integration routes: an identifier that cannot exist is a 404 (never a 400 or a 500).

export function integrationParam(value: string): string {
  if (!INTEGRATION_IDENTIFIER.test(value)) throw new AppError('not_found', 'integration not found');
  return value;
}
