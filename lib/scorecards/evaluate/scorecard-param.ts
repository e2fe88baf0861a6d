import { SCORECARD_IDENTIFIER } from '@/lib/domain/scorecard-rules';
import { AppError } from '@/lib/errors';

/** The `{sc}` of a URL: an identifier that cannot exist names nothing, a 404 (never a 500). */
export function scorecardParam(value: string | string[] | undefined): string {
  const id = typeof value === 'string' ? value : '';
  if (!SCORECARD_IDENTIFIER.test(id)) throw new AppError('not_found', `scorecard "${id.slice(0, 60)}" not found`);
  return id;
}
