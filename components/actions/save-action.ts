import { saveProblemOf, type SaveProblem } from '@/components/ui/save-problem';
import { ApiError } from '@/lib/web/api-client';
import { errorKey } from './action-draft';

// A refused save or delete of an action as the editor shows it (components/ui/save-problem.ts).
export function problemOf(error: unknown): SaveProblem {
  if (error instanceof ApiError && error.reason === 'in_use')
    return { fields: new Map(), message: `${error.message}: change or delete the automations that run it first.`, stale: false };
  return saveProblemOf(error, {
    errorKey,
    noun: 'this action',
    conflict: ['identifier', 'The team already has an action with this identifier'],
  });
}
