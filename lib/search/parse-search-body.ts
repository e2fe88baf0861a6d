import { parseRelatedTo } from './parse-related-to';
import { parseScorecardRule } from './parse-scorecard-rule';
import { checkText, limitError, SEARCH_LIMITS, searchError } from './search-limits';
import { OPERATORS, type Operator, type RawGroup, type RawNode, type RawSortKey, type SearchRequest } from './search-types';

// The search body's shape (API.md "Search body"), checked by hand rather than by a JSON Schema so
// that every fault names its place in the body (`query.rules[2].rules[0].value`) and the limits
// (depth, rule count) are counted while walking. Types against the blueprint come after
// (type-query.ts).

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyKeys(value: Json, allowed: string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw searchError(path, `unknown field "${key.slice(0, 50)}" (allowed: ${allowed.join(', ')})`);
  }
}

/** What a query holds so far, counted while walking it: rules, and values of list rules. */
type Counter = { rules: number; values: number };

function countRule(counter: Counter, path: string): void {
  if (++counter.rules > SEARCH_LIMITS.maxRules) throw limitError(path, 'maxRules', `a query holds at most ${SEARCH_LIMITS.maxRules} rules`);
}

/** A list value's length against the per-rule and the whole-query caps (scalars count as one). */
function countValues(counter: Counter, value: unknown, path: string): void {
  const n = Array.isArray(value) ? value.length : 1;
  if (n > SEARCH_LIMITS.maxInValues) throw limitError(`${path}.value`, 'maxInValues', `holds at most ${SEARCH_LIMITS.maxInValues} values`);
  counter.values += n;
  if (counter.values > SEARCH_LIMITS.maxTotalValues) {
    throw limitError(`${path}.value`, 'maxTotalValues', `the query's rules hold at most ${SEARCH_LIMITS.maxTotalValues} values in all`);
  }
}

function parseNode(value: unknown, path: string, depth: number, counter: Counter): RawNode {
  if (!isObject(value))
    throw searchError(
      path,
      'must be an object: a rule {property, operator, value}, a scorecard rule {scorecard, operator, value} or a group {combinator, rules}',
    );
  if ('combinator' in value || 'rules' in value) return parseGroup(value, path, depth + 1, counter);
  if (value.operator === 'relatedTo') {
    countRule(counter, path);
    countValues(counter, value.value, path);
    return { property: '', operator: 'relatedTo', path, related: parseRelatedTo(value, path) };
  }
  if ('scorecard' in value) {
    countRule(counter, path);
    countValues(counter, value.value, path);
    return parseScorecardRule(value, path);
  }
  onlyKeys(value, ['property', 'operator', 'value'], path);
  countRule(counter, path);
  countValues(counter, value.value, path);
  if (typeof value.property !== 'string' || value.property === '') throw searchError(`${path}.property`, 'must be a non-empty string');
  checkText(value.property, `${path}.property`, SEARCH_LIMITS.maxPropertyLength);
  if (typeof value.operator !== 'string' || !(OPERATORS as readonly string[]).includes(value.operator)) {
    const shown = typeof value.operator === 'string' ? `"${value.operator.slice(0, 30)}"` : 'missing';
    throw searchError(`${path}.operator`, `unknown operator ${shown} (operators: ${OPERATORS.join(', ')})`);
  }
  return { property: value.property, operator: value.operator as Operator, value: value.value, path };
}

export function parseGroup(value: unknown, path: string, depth = 1, counter: Counter = { rules: 0, values: 0 }): RawGroup {
  if (!isObject(value)) throw searchError(path, 'must be a group {combinator, rules}');
  if (depth > SEARCH_LIMITS.maxDepth) throw limitError(path, 'maxDepth', `groups nest at most ${SEARCH_LIMITS.maxDepth} deep`);
  onlyKeys(value, ['combinator', 'rules'], path);
  const combinator = value.combinator ?? 'and';
  if (combinator !== 'and' && combinator !== 'or') throw searchError(`${path}.combinator`, 'must be "and" or "or"');
  if (!Array.isArray(value.rules)) throw searchError(`${path}.rules`, 'must be an array');
  if (value.rules.length > SEARCH_LIMITS.maxRules)
    throw limitError(`${path}.rules`, 'maxRules', `a query holds at most ${SEARCH_LIMITS.maxRules} rules`);
  const rules = value.rules.map((r, i) => parseNode(r, `${path}.rules[${i}]`, depth, counter));
  return { combinator, rules, path };
}

export function parseSort(value: unknown, path = 'sort'): RawSortKey[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw searchError(path, 'must be an array of {property, order}');
  if (value.length > SEARCH_LIMITS.maxSortKeys) throw searchError(path, `at most ${SEARCH_LIMITS.maxSortKeys} sort keys`);
  return value.map((key, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(key)) throw searchError(at, 'must be an object {property, order}');
    onlyKeys(key, ['property', 'order'], at);
    if (typeof key.property !== 'string' || key.property === '') throw searchError(`${at}.property`, 'must be a non-empty string');
    checkText(key.property, `${at}.property`, SEARCH_LIMITS.maxPropertyLength);
    const order = key.order ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw searchError(`${at}.order`, 'must be "asc" or "desc"');
    return { property: key.property, order, path: at };
  });
}

export function parseLimit(value: unknown, path = 'limit'): number {
  if (value === undefined || value === null) return SEARCH_LIMITS.defaultLimit;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > SEARCH_LIMITS.maxLimit) {
    throw searchError(path, `must be an integer from 1 to ${SEARCH_LIMITS.maxLimit}`);
  }
  return value;
}

export function parseQ(value: unknown, path = 'q'): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw searchError(path, 'must be a string');
  checkText(value, path, SEARCH_LIMITS.maxQLength);
  // search_document() joins its parts with newlines: a q without control characters never
  // matches across two of them.
  if (/[\u0000-\u001f\u007f]/.test(value)) throw searchError(path, 'must not contain control characters');
  return value;
}

/** POST .../entities/search: {query?, sort?, limit?, cursor?, q?}. */
export function parseSearchBody(body: unknown): SearchRequest {
  if (!isObject(body)) throw searchError('body', 'must be a JSON object');
  onlyKeys(body, ['query', 'sort', 'limit', 'cursor', 'q'], 'body');
  const query = body.query === undefined || body.query === null ? null : parseGroup(body.query, 'query');
  if (body.cursor !== undefined && body.cursor !== null && typeof body.cursor !== 'string')
    throw searchError('cursor', 'must be a string or null');
  const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? checkText(body.cursor, 'cursor', 4096) : null;
  return { query, sort: parseSort(body.sort), limit: parseLimit(body.limit), cursor, q: parseQ(body.q) };
}
