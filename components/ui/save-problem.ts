import { sentence } from '@/components/ui/format';
import { ApiError } from '@/lib/web/api-client';

// A refused save as what an editor shows: messages at the fields the API names (422 details, a
// 400's details.path), a page-level message for the rest, and whether the resource changed since
// it was loaded (409 stale_version: reload, then save again). Each editor names its fields with
// its own `errorKey` and says what a conflict (409 other than stale) means for it.

export type SaveProblem = { fields: Map<string, string>; message: string | null; stale: boolean };

export const NO_PROBLEM: SaveProblem = { fields: new Map(), message: null, stale: false };

export type ProblemWords = {
  /** An API error path as the editor's field key ('' when the editor shows no such field). */
  errorKey(path: string): string;
  /** "this scorecard", "this action". */
  noun: string;
  /** A 409 that is not stale_version: the field it concerns and what to say there. */
  conflict: [field: string, message: string];
};

export function saveProblemOf(error: unknown, words: ProblemWords): SaveProblem {
  const fields = new Map<string, string>();
  if (!(error instanceof ApiError))
    return { fields, message: error instanceof Error ? sentence(error.message) : 'Could not save.', stale: false };
  if (error.reason === 'stale_version')
    return {
      fields,
      message: `Someone changed ${words.noun} since you opened it. Reload to see their version, then make your change again.`,
      stale: true,
    };
  if (error.code === 'validation_failed') {
    const unplaced: string[] = [];
    for (const [path, message] of Object.entries(error.fieldErrors())) {
      const key = words.errorKey(path);
      if (key) fields.set(key, sentence(message));
      else unplaced.push(`${path}: ${message}`);
    }
    return { fields, message: ['Some fields need attention: see the messages in red.', ...unplaced].join(' '), stale: false };
  }
  const path = (error.details as { path?: unknown } | undefined)?.path;
  if (error.code === 'bad_request' && typeof path === 'string' && words.errorKey(path)) {
    // The message starts with the path ("rules[2].query.rules[0].operator: ..."): the field shows the rest.
    fields.set(
      words.errorKey(path),
      sentence(error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message),
    );
    return { fields, message: 'A condition is not valid: see the message in red.', stale: false };
  }
  if (error.code === 'conflict') {
    fields.set(words.conflict[0], words.conflict[1]);
    return { fields, message: null, stale: false };
  }
  return { fields, message: sentence(error.message), stale: false };
}
