import { fieldMap, type Field } from './fields';
import { fits, valueControl, type Operator } from './operators';
import { SCORECARD_KEY_PREFIX, toScorecardRule } from './scorecard-fields';
import { isDatePreset } from '@/lib/domain/date-presets';

// The filter as a rule tree (API.md "Search body"): groups of rules joined by AND / OR, nested.
// `cleanTree` keeps what the search route would accept for this blueprint and drops the rest, so
// a hand-edited URL or a half-filled builder row never reaches the API as a 400.

export type Rule = { property: string; operator: Operator; value?: unknown };
export type Group = { combinator: 'and' | 'or'; rules: Node[] };
export type Node = Rule | Group;

export const MAX_DEPTH = 3;
export const MAX_RULES = 50;
export const MAX_LIST = 100;

export const emptyGroup = (combinator: Group['combinator'] = 'and'): Group => ({ combinator, rules: [] });

export function isGroup(node: unknown): node is Group {
  return !!node && typeof node === 'object' && 'combinator' in node && Array.isArray((node as Group).rules);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 500;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$/;
// The search route's semver (lib/search/semver-key.ts): MAJOR.MINOR.PATCH, optional pre-release and build.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A `date` property takes "YYYY-MM-DD"; a `date-time` one an RFC 3339 instant. */
function dateFits(field: Field, v: unknown): v is string {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) return false;
  return field.format === 'date' ? DAY.test(v) : INSTANT.test(v);
}

function scalarFits(field: Field, v: unknown): boolean {
  switch (field.kind) {
    case 'number':
      return isNumber(v);
    case 'semver':
      return typeof v === 'string' && SEMVER.test(v);
    case 'date':
      return dateFits(field, v);
    case 'boolean':
    case 'scorecardRule':
      return typeof v === 'boolean';
    case 'enum':
    case 'scorecardLevel':
      return (field.options ?? []).includes(v as string);
    default:
      return isText(v);
  }
}

/** A relatedTo rule's value: {blueprint, value: identifiers, direction, max_hops} (lib/search/parse-related-to.ts). */
export type RelatedValue = { blueprint: string; value: string[]; direction: 'upstream' | 'downstream'; max_hops: number };
export const MAX_RELATED_HOPS = 15;

function relatedFits(v: unknown): v is RelatedValue {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const r = v as Partial<RelatedValue>;
  return (
    typeof r.blueprint === 'string' &&
    /^[a-z][a-z0-9_-]{0,49}$/.test(r.blueprint) &&
    Array.isArray(r.value) &&
    r.value.length > 0 &&
    r.value.length <= MAX_LIST &&
    r.value.every((x) => typeof x === 'string' && x !== '' && x.length <= 255) &&
    (r.direction === 'upstream' || r.direction === 'downstream') &&
    Number.isInteger(r.max_hops) &&
    r.max_hops! >= 1 &&
    r.max_hops! <= MAX_RELATED_HOPS &&
    Object.keys(v).length === 4
  );
}

/** The rule as the search route takes it: a relatedTo rule has no property and its fields at the top. */
export function toApiNode(node: Node): unknown {
  if (isGroup(node)) return { combinator: node.combinator, rules: node.rules.map(toApiNode) };
  if (node.operator === 'relatedTo') return { operator: 'relatedTo', ...(node.value as RelatedValue) };
  if (node.property.startsWith(SCORECARD_KEY_PREFIX)) return toScorecardRule(node);
  return node;
}

/** Whether `rule.value` is a complete, well-typed value for its operator on `field`. */
export function valueFits(field: Field, rule: Rule): boolean {
  const control = valueControl(field, rule.operator);
  const v = rule.value;
  switch (control) {
    case 'none':
      return v === undefined;
    case 'tags':
    case 'enumList': {
      if (!Array.isArray(v) || v.length === 0 || v.length > MAX_LIST) return false;
      const item: Field =
        field.kind === 'stringArray' ? { ...field, kind: 'string' } : field.kind === 'numberArray' ? { ...field, kind: 'number' } : field;
      return v.every((x) => scalarFits(item, x));
    }
    case 'numberRange':
    case 'semverRange':
    case 'textRange':
      return Array.isArray(v) && v.length === 2 && v.every((x) => scalarFits(field, x));
    case 'dateRange':
      if (v && typeof v === 'object' && !Array.isArray(v))
        return Object.keys(v).length === 1 && isDatePreset((v as { preset?: unknown }).preset);
      return Array.isArray(v) && v.length === 2 && v.every((x) => dateFits(field, x));
    case 'text':
      return field.kind === 'stringArray' ? isText(v) : scalarFits(field, v);
    case 'related':
      return relatedFits(v);
    case 'number':
      return isNumber(v);
    default:
      return scalarFits(field, v);
  }
}

function cleanNode(node: unknown, fields: Map<string, Field>, depth: number, budget: { rules: number }): Node | null {
  if (isGroup(node)) {
    if (depth > MAX_DEPTH || (node.combinator !== 'and' && node.combinator !== 'or')) return null;
    const rules = node.rules.map((n) => cleanNode(n, fields, depth + 1, budget)).filter((n): n is Node => n !== null);
    return rules.length ? { combinator: node.combinator, rules } : null;
  }
  if (!node || typeof node !== 'object') return null;
  const { property, operator, value } = node as Record<string, unknown>;
  const field = typeof property === 'string' ? fields.get(property) : undefined;
  if (!field || typeof operator !== 'string' || !fits(field, operator)) return null;
  const rule: Rule = value === undefined ? { property: field.key, operator } : { property: field.key, operator, value };
  if (!valueFits(field, rule) || budget.rules >= MAX_RULES) return null;
  budget.rules += 1;
  return rule;
}

/** The tree with every rule that would not pass the search route removed (and empty groups dropped). */
export function cleanTree(tree: unknown, fields: Field[]): Group {
  const root = isGroup(tree) ? tree : emptyGroup();
  const cleaned = cleanNode(root, fieldMap(fields), 1, { rules: 0 });
  return cleaned && isGroup(cleaned) ? cleaned : emptyGroup(root.combinator === 'or' ? 'or' : 'and');
}

export function countRules(group: Group): number {
  return group.rules.reduce((n, node) => n + (isGroup(node) ? countRules(node) : 1), 0);
}

/** The top-level `=` / `in` rule on `property` a facet click adds to or removes from (null if none). */
function facetRuleIndex(group: Group, property: string): number {
  return group.rules.findIndex((n) => !isGroup(n) && n.property === property && (n.operator === '=' || n.operator === 'in'));
}

/** The facet values currently selected for `property` (top-level `=` / `in` rule, AND root only). */
export function selectedFacetValues(group: Group, property: string): unknown[] {
  if (group.combinator !== 'and') return [];
  const rule = group.rules[facetRuleIndex(group, property)] as Rule | undefined;
  if (!rule) return [];
  return rule.operator === 'in' ? (rule.value as unknown[]) : [rule.value];
}

/**
 * A facet click: toggles `value` in the top-level rule on `property` (`=` for one value, `in` for
 * several, gone for none). Under an OR root the current tree is kept as one AND member.
 */
export function toggleFacetValue(tree: Group, property: string, value: unknown): Group {
  const group: Group = tree.combinator === 'and' ? tree : { combinator: 'and', rules: tree.rules.length ? [tree] : [] };
  const index = facetRuleIndex(group, property);
  const current = selectedFacetValues(group, property);
  const next = current.some((v) => v === value) ? current.filter((v) => v !== value) : [...current, value];
  const rule: Rule | null =
    next.length === 0 ? null : next.length === 1 ? { property, operator: '=', value: next[0] } : { property, operator: 'in', value: next };
  const rules = [...group.rules];
  if (index >= 0) {
    if (rule) rules[index] = rule;
    else rules.splice(index, 1);
  } else if (rule) rules.push(rule);
  return { combinator: 'and', rules };
}

/**
 * The query a facet counts under: the current one without the facet's own top-level rule, so the
 * values not yet picked keep their counts and a second one can be added (an `in`).
 */
export function withoutFacetRule(group: Group, property: string): Group {
  if (group.combinator !== 'and') return group;
  const index = facetRuleIndex(group, property);
  return index < 0 ? group : { combinator: 'and', rules: group.rules.filter((_, i) => i !== index) };
}
