import type { Operator } from './operators';

// The operators of the search body's scorecard rules (API.md "Scorecards"): the search typer
// refuses any other with a 400 (lib/search/type-scorecard-rule.ts) and the catalog's filter
// builder offers exactly these (lib/catalog-view). Isomorphic: no server import.

/** On the entity's level ({scorecard, operator, value}); levels compare by their rank. */
export const LEVEL_OPERATORS = ['=', '!=', 'in', 'notIn', '>=', '<='] as const satisfies readonly Operator[];
export type LevelOperator = (typeof LEVEL_OPERATORS)[number];

/** On one rule's result ({scorecard, rule, operator, value: true | false}). */
export const RULE_RESULT_OPERATORS = ['='] as const satisfies readonly Operator[];

/**
 * `$scorecard.<sc>`: the level as a sort key of the search body and as a catalog field;
 * `$scorecard.<sc>.<rule>`: a rule's result as a catalog field (identifiers have no dots).
 */
export const SCORECARD_KEY_PREFIX = '$scorecard.';
