import { DATE_PRESETS, presetRange, type DatePreset } from '@/lib/domain/date-presets';
import { operatorsFor, PRESENCE_OPERATORS } from '@/lib/domain/operators';
import { parseInstant } from './parse-instant';
import { resolveRuleProperty, type SearchRelations } from './search-relations';
import type { SearchScorecards } from './search-scorecards';
import { OWNERS_PROPERTY, typeOwnersRule } from './type-owners-rule';
import { typeScorecardRule } from './type-scorecard-rule';
import { checkText, SEARCH_LIMITS, searchError } from './search-limits';
import { SEMVER, semverKey } from './semver-key';
import type { PropertyType, RawGroup, RawNode, RawRule, ResolvedProperty, Scalar, ScalarKind, TypedNode, TypedRule } from './search-types';

// Types a parsed query against the blueprint's schema: each rule's property is resolved, its
// operator must fit the property's type and its value must be of that type. What comes out is
// the TypedNode tree that compile-where.sql.ts turns into SQL and evaluate-query.ts evaluates in
// memory. Every fault is a 400 naming the rule's place in the body.

// Which operators fit which type is the domain's rule (lib/domain/operators.ts), shared with the
// filter builder so that it offers exactly what this accepts.
export { operatorsFor };
const PRESENCE = PRESENCE_OPERATORS;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function describe(type: PropertyType): string {
  if (type.kind === 'scalar') return type.enum ? 'enum' : type.scalar === 'datetime' ? 'date-time' : type.scalar;
  if (type.kind === 'array') return `array of ${type.items === 'other' ? 'values' : `${type.items}s`}`;
  return type.kind === 'any' ? 'untyped value' : type.kind;
}

/** One value of a scalar kind, checked; for strings the enum too. */
function scalarValue(value: unknown, type: { scalar: ScalarKind; enum?: unknown[] }, at: string): Scalar {
  const expected = (what: string) =>
    searchError(at, `must be ${what}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  switch (type.scalar) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw expected('a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw expected('a boolean');
      return value;
    case 'string':
      if (typeof value !== 'string') throw expected('a string');
      checkText(value, at);
      if (type.enum && !type.enum.includes(value))
        throw searchError(at, `${JSON.stringify(value.slice(0, 50))} is not one of the property's values`);
      return value;
    case 'datetime':
      if (typeof value !== 'string') throw expected('an RFC 3339 date-time string');
      {
        const t = parseInstant(value);
        if (t === null) throw searchError(at, 'must be an RFC 3339 date-time, e.g. "2026-01-31T12:00:00Z"');
        return new Date(t).toISOString();
      }
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value)) throw searchError(at, 'must be a date "YYYY-MM-DD"');
      return value;
    case 'semver':
      if (typeof value !== 'string' || !SEMVER.test(value)) throw searchError(at, 'must be a semantic version, e.g. "2.0.0"');
      if (semverKey(value) === null) throw searchError(at, 'has a version number longer than 999 digits');
      return value;
  }
}

function betweenBounds(rule: RawRule, scalar: ScalarKind, now: Date): [Scalar, Scalar] {
  const at = `${rule.path}.value`;
  const v = rule.value;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && 'preset' in v) {
    if (scalar !== 'datetime' && scalar !== 'date') throw searchError(at, 'presets are for date-time and date properties');
    if (Object.keys(v).length !== 1) throw searchError(at, 'a preset is {"preset": name} and nothing else');
    const preset = (v as { preset: unknown }).preset;
    if (typeof preset !== 'string' || !(DATE_PRESETS as readonly string[]).includes(preset)) {
      throw searchError(`${at}.preset`, `unknown preset (presets: ${DATE_PRESETS.join(', ')})`);
    }
    const [from, to] = presetRange(preset as DatePreset, now);
    const iso = (t: number) => new Date(t).toISOString();
    return scalar === 'date' ? [iso(from).slice(0, 10), iso(to).slice(0, 10)] : [iso(from), iso(to)];
  }
  if (!Array.isArray(v) || v.length !== 2) throw searchError(at, 'must be [low, high] (or {"preset": ...} for dates)');
  return [scalarValue(v[0], { scalar }, `${at}[0]`), scalarValue(v[1], { scalar }, `${at}[1]`)];
}

function listValue(rule: RawRule, at: string): unknown[] {
  if (!Array.isArray(rule.value) || rule.value.length === 0) throw searchError(at, 'must be a non-empty array');
  if (rule.value.length > SEARCH_LIMITS.maxInValues) throw searchError(at, `holds at most ${SEARCH_LIMITS.maxInValues} values`);
  return rule.value;
}

function typeRule(rule: RawRule, prop: ResolvedProperty, now: Date): { rule: TypedRule; negate: boolean } {
  const at = `${rule.path}.value`;
  const type = prop.type;
  const op = rule.operator;
  if (PRESENCE.includes(op)) {
    if (rule.value !== undefined && rule.value !== null) throw searchError(at, `${op} takes no value`);
    return { rule: { op: op === 'exists' ? 'exists' : 'isEmpty', prop }, negate: op === 'isNotEmpty' };
  }
  if (type.kind === 'array') {
    if (type.items === 'other') throw new Error('unreachable: operatorsFor refuses it');
    const item = { scalar: type.items } as const;
    if (op === 'contains' || op === 'doesNotContain') {
      return {
        rule: { op: 'arrayHas', prop, values: [scalarValue(rule.value, item, at) as string | number], all: true },
        negate: op === 'doesNotContain',
      };
    }
    const values = listValue(rule, at).map((v, i) => scalarValue(v, item, `${at}[${i}]`) as string | number);
    return { rule: { op: 'arrayHas', prop, values, all: op === 'containsAll' }, negate: false };
  }
  if (type.kind !== 'scalar') throw new Error('unreachable: operatorsFor refuses it');
  const scalar = type.scalar;
  switch (op) {
    case '=':
    case '!=':
      return { rule: { op: 'eq', prop, scalar, value: scalarValue(rule.value, type, at) }, negate: op === '!=' };
    case '>':
    case '>=':
    case '<':
    case '<=': {
      const ops = { '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' } as const;
      return { rule: { op: ops[op], prop, scalar, value: scalarValue(rule.value, type, at) }, negate: false };
    }
    case 'between':
    case 'notBetween': {
      const [low, high] = betweenBounds(rule, scalar, now);
      return { rule: { op: 'between', prop, scalar, low, high }, negate: op === 'notBetween' };
    }
    case 'in':
    case 'notIn': {
      const values = listValue(rule, at).map((v, i) => scalarValue(v, type, `${at}[${i}]`));
      return { rule: { op: 'in', prop, scalar, values }, negate: op === 'notIn' };
    }
    case 'contains':
    case 'doesNotContain':
    case 'beginsWith':
    case 'endsWith': {
      if (typeof rule.value !== 'string') throw searchError(at, 'must be a string');
      const text = checkText(rule.value, at);
      return { rule: { op: 'like', prop, mode: op === 'doesNotContain' ? 'contains' : op, text }, negate: op === 'doesNotContain' };
    }
    default:
      throw new Error(`unreachable: ${op}`);
  }
}

function typeRelatedTo(node: RawRule, relations: SearchRelations | undefined): TypedNode {
  const spec = node.related;
  if (!spec) throw searchError(`${node.path}.operator`, 'relatedTo takes blueprint, value, direction and max_hops, not a property');
  if (!relations || !relations.blueprints.has(spec.blueprint))
    throw searchError(`${node.path}.blueprint`, `the team has no blueprint "${spec.blueprint}"`);
  const rule: TypedRule = {
    op: 'relatedTo',
    teamId: relations.teamId,
    blueprint: spec.blueprint,
    identifiers: spec.identifiers,
    direction: spec.direction,
    maxHops: spec.maxHops,
  };
  return { kind: 'rule', rule, negate: false };
}

type Ctx = { schema: unknown; now: Date; relations?: SearchRelations; scorecards?: SearchScorecards; userGroups?: readonly string[] };

function typeNode(node: RawNode, c: Ctx): TypedNode {
  if ('rules' in node) return typeGroup(node, c);
  if (node.scorecard) return typeScorecardRule(node, c.scorecards);
  if (node.operator === 'relatedTo') return typeRelatedTo(node, c.relations);
  if (node.property === OWNERS_PROPERTY) return typeOwnersRule(node, c.userGroups);
  const { now } = c;
  const prop = resolveRuleProperty(c.schema, node.property, `${node.path}.property`, c.relations);
  const allowed = operatorsFor(prop.type);
  if (!allowed.includes(node.operator)) {
    throw searchError(
      `${node.path}.operator`,
      `"${node.operator}" does not apply to ${node.property.slice(0, 80)} (${describe(prop.type)}); operators that do: ${allowed.join(', ')}`,
    );
  }
  return { kind: 'rule', ...typeRule(node, prop, now) };
}

function typeGroup(group: RawGroup, c: Ctx): TypedNode {
  return { kind: 'group', combinator: group.combinator, nodes: group.rules.map((r) => typeNode(r, c)) };
}

/**
 * The query typed by the blueprint's schema; `now` anchors date presets; `relations`
 * (search-relations.ts) types relatedTo rules and rules on related entities' properties;
 * `scorecards` (search-scorecards.ts) types scorecard rules, refused without it; `userGroups` is
 * what `{"context": "userGroups"}` stands for (the searching person's groups), refused without it.
 */
export function typeQuery(
  query: RawGroup | null,
  schema: unknown,
  now = new Date(),
  relations?: SearchRelations,
  scorecards?: SearchScorecards,
  userGroups?: readonly string[],
): TypedNode | null {
  return query ? typeGroup(query, { schema, now, relations, scorecards, userGroups }) : null;
}
