import { sentence } from '@/components/ui/format';
import { ApiError } from '@/lib/web/api-client';
import { errorKey } from './scorecard-draft';

// A refused save (or preview) as what the editor shows: messages at the fields the API names
// (422 details, a 400's details.path), a page-level message for the rest, and whether the
// scorecard changed since it was loaded (409 stale_version: reload, then save again).

export type SaveProblem = { fields: Map<string, string>; message: string | null; stale: boolean };

export function problemOf(error: unknown): SaveProblem {
  const fields = new Map<string, string>();
  if (!(error instanceof ApiError))
    return { fields, message: error instanceof Error ? sentence(error.message) : 'Could not save.', stale: false };
  if (error.reason === 'stale_version')
    return {
      fields,
      message: 'Someone changed this scorecard since you opened it. Reload to see their version, then make your change again.',
      stale: true,
    };
  if (error.code === 'validation_failed') {
    const unplaced: string[] = [];
    for (const [path, message] of Object.entries(error.fieldErrors())) {
      const key = errorKey(path);
      if (key) fields.set(key, sentence(message));
      else unplaced.push(`${path}: ${message}`);
    }
    return { fields, message: ['Some fields need attention: see the messages in red.', ...unplaced].join(' '), stale: false };
  }
  const path = (error.details as { path?: unknown } | undefined)?.path;
  if (error.code === 'bad_request' && typeof path === 'string' && errorKey(path)) {
    // The message starts with the path ("rules[2].query.rules[0].operator: ..."): the field shows the rest.
    fields.set(errorKey(path), sentence(error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message));
    return { fields, message: 'A condition is not valid: see the message in red.', stale: false };
  }
  if (error.code === 'conflict') {
    fields.set('identifier', 'This blueprint already has a scorecard with this identifier');
    return { fields, message: null, stale: false };
  }
  return { fields, message: sentence(error.message), stale: false };
}
