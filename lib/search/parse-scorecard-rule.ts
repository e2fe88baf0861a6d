import { isOperator } from '@/lib/domain/operators';
import { checkText, searchError } from './search-limits';
import { OPERATORS, type RawRule } from './search-types';

// A scorecard rule of the search body (API.md "Scorecards"): {"scorecard": "<sc>", "operator",
// "value": level name(s)} on the entity's level, or {"scorecard", "rule": "<rule>", "operator":
// "=", "value": true | false} on one rule's result. No `property`. Only the shape here: which
// scorecard, levels and rules exist, and which operators fit, is the typer's
// (type-scorecard-rule.ts), which also refuses scorecard rules where none may be.

const KEYS = ['scorecard', 'rule', 'operator', 'value'];

export function parseScorecardRule(value: Record<string, unknown>, path: string): RawRule {
  for (const key of Object.keys(value)) {
    if (!KEYS.includes(key))
      throw searchError(path, `unknown field "${key.slice(0, 50)}" of a scorecard rule (allowed: ${KEYS.join(', ')})`);
  }
  if (typeof value.scorecard !== 'string' || value.scorecard === '')
    throw searchError(`${path}.scorecard`, "must be the scorecard's identifier");
  const scorecard = checkText(value.scorecard, `${path}.scorecard`, 100);
  if (value.rule !== undefined && (typeof value.rule !== 'string' || value.rule === ''))
    throw searchError(`${path}.rule`, "must be the identifier of one of the scorecard's rules");
  const rule = value.rule === undefined ? undefined : checkText(value.rule as string, `${path}.rule`, 100);
  if (!isOperator(value.operator)) {
    const shown = typeof value.operator === 'string' ? `"${value.operator.slice(0, 30)}"` : 'missing';
    throw searchError(`${path}.operator`, `unknown operator ${shown} (operators: ${OPERATORS.join(', ')})`);
  }
  return {
    property: '',
    operator: value.operator,
    value: value.value,
    path,
    scorecard: { scorecard, ...(rule !== undefined && { rule }) },
  };
}
