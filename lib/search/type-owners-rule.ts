import { checkText, SEARCH_LIMITS, searchError } from './search-limits';
import type { RawGroup, RawNode, RawRule, TypedNode, TypedRule } from './search-types';

// Rules on `$owners`, the entity's owning groups (lib/groups): Port's `$team` with its
// `{"context": "userTeams"}`, here `{"context": "userGroups"}`: the groups of the person who
// searches, resolved per request (a saved view stores the context, so each viewer sees their own).
//   contains / doesNotContain   one group identifier (or the context: any / none of the caller's)
//   containsAny                 a list of identifiers, or the context
//   containsAll                 a list of identifiers
//   isEmpty / isNotEmpty        no value
// Identifiers that name no group simply match nothing (a filter is not a write).

export const OWNERS_PROPERTY = '$owners';
export const USER_GROUPS_CONTEXT = 'userGroups';
export const OWNERS_OPERATORS = ['contains', 'doesNotContain', 'containsAny', 'containsAll', 'isEmpty', 'isNotEmpty'] as const;

/** `{"context": "userGroups"}`, the caller's groups. */
export function isUserGroupsValue(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    (value as { context?: unknown }).context === USER_GROUPS_CONTEXT
  );
}

function walk(node: RawNode, visit: (rule: RawRule) => void): void {
  if ('rules' in node) node.rules.forEach((r) => walk(r, visit));
  else visit(node);
}

/** Whether the query names the caller's groups (the search then reads them: one query). */
export function usesUserGroups(query: RawGroup | null): boolean {
  let uses = false;
  if (query) walk(query, (rule) => (uses ||= rule.property === OWNERS_PROPERTY && isUserGroupsValue(rule.value)));
  return uses;
}

function identifier(value: unknown, at: string): string {
  if (typeof value !== 'string') throw searchError(at, "must be a group's identifier (a string)");
  return checkText(value, at);
}

/**
 * `userGroups`: the caller's groups; undefined where no person searches (a scorecard's rules, an
 * action's condition), where the context is a 400.
 */
export function typeOwnersRule(rule: RawRule, userGroups: readonly string[] | undefined): TypedNode {
  const at = `${rule.path}.value`;
  const op = rule.operator;
  const context = (): string[] => {
    if (!userGroups)
      throw searchError(at, `{"context": "${USER_GROUPS_CONTEXT}"} is the searching person's groups: it has no meaning here`);
    return [...userGroups];
  };
  const node = (mode: 'any' | 'all' | 'empty', values: string[], negate = false): TypedNode => ({
    kind: 'rule',
    rule: { op: 'owners', mode, values },
    negate,
  });
  switch (op) {
    case 'isEmpty':
    case 'isNotEmpty':
      if (rule.value !== undefined && rule.value !== null) throw searchError(at, `${op} takes no value`);
      return node('empty', [], op === 'isNotEmpty');
    case 'contains':
    case 'doesNotContain':
      return node('any', isUserGroupsValue(rule.value) ? context() : [identifier(rule.value, at)], op === 'doesNotContain');
    case 'containsAny':
    case 'containsAll': {
      if (op === 'containsAny' && isUserGroupsValue(rule.value)) return node('any', context());
      if (!Array.isArray(rule.value) || rule.value.length === 0)
        throw searchError(
          at,
          `must be a non-empty array of group identifiers${op === 'containsAny' ? ' or {"context": "userGroups"}' : ''}`,
        );
      if (rule.value.length > SEARCH_LIMITS.maxInValues) throw searchError(at, `holds at most ${SEARCH_LIMITS.maxInValues} values`);
      return node(
        op === 'containsAny' ? 'any' : 'all',
        rule.value.map((v, i) => identifier(v, `${at}[${i}]`)),
      );
    }
    default:
      throw searchError(`${rule.path}.operator`, `"${op}" does not apply to $owners; operators that do: ${OWNERS_OPERATORS.join(', ')}`);
  }
}

/** The same rule over an entity's owners in memory (evaluate-query.ts). */
export function ownersMatch(rule: Extract<TypedRule, { op: 'owners' }>, owners: readonly string[]): boolean {
  if (rule.mode === 'empty') return owners.length === 0;
  return rule.mode === 'any' ? rule.values.some((v) => owners.includes(v)) : rule.values.every((v) => owners.includes(v));
}
