import { saveProblemOf, type SaveProblem } from '@/components/ui/save-problem';
import { errorKey } from './scorecard-draft';

// A refused save (or preview) of a scorecard as the editor shows it (components/ui/save-problem.ts).

export type { SaveProblem };

export function problemOf(error: unknown): SaveProblem {
  return saveProblemOf(error, {
    errorKey,
    noun: 'this scorecard',
    conflict: ['identifier', 'This blueprint already has a scorecard with this identifier'],
  });
}
