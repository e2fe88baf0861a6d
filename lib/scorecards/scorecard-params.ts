import { SCORECARD_IDENTIFIER } from '@/lib/domain/scorecard-rules';
import { AppError } from '@/lib/errors';

/** A scorecard identifier from the URL: one that cannot exist is a 404 (never a 400 or a 500). */
export function scorecardParam(value: string): string {
  if (!SCORECARD_IDENTIFIER.test(value)) throw new AppError('not_found', 'scorecard not found');
  return value;
}
