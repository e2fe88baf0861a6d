import { LEVEL_OPERATORS, RULE_RESULT_OPERATORS, type LevelOperator } from '@/lib/domain/scorecard-operators';
import type { LiveScorecard, SearchScorecards } from './search-scorecards';
import { searchError } from './search-limits';
import type { RawRule, TypedNode } from './search-types';

// A scorecard rule typed against the live definition of the scorecard it names
// (search-scorecards.ts): level names become ranks, a rule identifier its bit. `!=` and notIn
// become the complementary ranks, a POSITIVE condition, so an entity the scorecard does not
// apply to (no result) matches no level rule. Unknown scorecards, levels and rules are 400s
// naming their place. Without a scorecards context (a scorecard's own rules and filter) any
// scorecard rule is a 400.

function levelRank(sc: LiveScorecard, value: unknown, at: string): number {
  if (typeof value !== 'string') throw searchError(at, 'must be a level name (a string)');
  const rank = sc.levels.indexOf(value);
  if (rank < 0) throw searchError(at, `the scorecard has no level ${JSON.stringify(value.slice(0, 50))} (levels: ${sc.levels.join(', ')})`);
  return rank;
}

function levelRanks(sc: LiveScorecard, operator: LevelOperator, value: unknown, at: string): number[] {
  const all = sc.levels.map((_, rank) => rank);
  if (operator === 'in' || operator === 'notIn') {
    if (!Array.isArray(value) || value.length === 0) throw searchError(at, 'must be a non-empty array of level names');
    const named = new Set(value.map((v, i) => levelRank(sc, v, `${at}[${i}]`)));
    return all.filter((rank) => named.has(rank) === (operator === 'in'));
  }
  const rank = levelRank(sc, value, at);
  switch (operator) {
    case '=':
      return [rank];
    case '!=':
      return all.filter((r) => r !== rank);
    case '>=':
      return all.filter((r) => r >= rank);
    case '<=':
      return all.filter((r) => r <= rank);
  }
}

export function typeScorecardRule(node: RawRule, scorecards: SearchScorecards | undefined): TypedNode {
  const ref = node.scorecard;
  if (!ref) throw new Error('unreachable: not a scorecard rule');
  if (!scorecards)
    throw searchError(
      `${node.path}.scorecard`,
      "scorecard rules are not allowed here (a scorecard's filter and rules cannot use scorecards)",
    );
  const sc = scorecards.byIdentifier.get(ref.scorecard);
  if (!sc) throw searchError(`${node.path}.scorecard`, `the blueprint has no scorecard "${ref.scorecard.slice(0, 100)}"`);
  const at = `${node.path}.value`;
  if (ref.rule !== undefined) {
    const bit = sc.rules.indexOf(ref.rule);
    if (bit < 0) throw searchError(`${node.path}.rule`, `the scorecard has no rule "${ref.rule.slice(0, 100)}"`);
    if (!(RULE_RESULT_OPERATORS as readonly string[]).includes(node.operator))
      throw searchError(`${node.path}.operator`, `a rule's result takes ${RULE_RESULT_OPERATORS.join(', ')}, not "${node.operator}"`);
    if (typeof node.value !== 'boolean') throw searchError(at, 'must be true (the rule passes) or false (it fails)');
    return { kind: 'rule', rule: { op: 'scorecardRule', results: sc.results, bit, passes: node.value }, negate: false };
  }
  const operator = node.operator as LevelOperator;
  if (!LEVEL_OPERATORS.includes(operator))
    throw searchError(`${node.path}.operator`, `a level takes ${LEVEL_OPERATORS.join(', ')}, not "${node.operator}"`);
  return {
    kind: 'rule',
    rule: { op: 'scorecardLevel', results: sc.results, ranks: levelRanks(sc, operator, node.value, at) },
    negate: false,
  };
}
