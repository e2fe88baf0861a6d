import { operatorsFor as acceptedOperators, PRESENCE_OPERATORS, type Operator } from '@/lib/domain/operators';
import type { Field, FieldKind } from './fields';
import { scorecardOperators } from './scorecard-fields';

// Which operators the filter builder offers for a field, and which value control each needs. The
// operators are the search route's own (lib/domain/operators.ts, the rule both import), so the
// builder offers exactly what the server accepts (lib/catalog-view/operator-parity.test.ts checks
// it for every property type); the one thing left out is a presence test on a meta-property that
// every entity has (identifier, timestamps), which would be constant.

export { OPERATORS, type Operator } from '@/lib/domain/operators';

export const OPERATOR_LABELS: Record<Operator, string> = {
  '=': 'is',
  '!=': 'is not',
  '>': 'greater than',
  '>=': 'at least',
  '<': 'less than',
  '<=': 'at most',
  between: 'between',
  notBetween: 'not between',
  in: 'is any of',
  notIn: 'is none of',
  contains: 'contains',
  doesNotContain: 'does not contain',
  beginsWith: 'begins with',
  endsWith: 'ends with',
  containsAny: 'has any of',
  containsAll: 'has all of',
  exists: 'is set',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  relatedTo: 'links',
};

/** Dates read better as before / after. */
const DATE_LABELS: Partial<Record<Operator, string>> = { '>': 'after', '>=': 'on or after', '<': 'before', '<=': 'on or before' };

export function operatorLabel(op: Operator, kind: FieldKind): string {
  return (kind === 'date' && DATE_LABELS[op]) || OPERATOR_LABELS[op];
}

const PRESENCE: readonly Operator[] = PRESENCE_OPERATORS;

/** The operators that fit a field, in the order the builder lists them. */
export function operatorsFor(field: Pick<Field, 'kind' | 'type' | 'meta' | 'nullable'>): Operator[] {
  if (field.kind === 'relation') return [];
  if (field.kind === 'related') return ['relatedTo'];
  if (field.kind === 'scorecardLevel' || field.kind === 'scorecardRule') return scorecardOperators(field);
  const ops = acceptedOperators(field.type ?? { kind: 'any' });
  // Every entity has its identifier and timestamps: "is set" / "is empty" would be constant.
  if (field.meta && !field.nullable) return ops.filter((op) => !PRESENCE.includes(op));
  return ops;
}

export function fits(field: Pick<Field, 'kind' | 'type' | 'meta' | 'nullable'>, op: string): op is Operator {
  return (operatorsFor(field) as string[]).includes(op);
}

export type ValueControl =
  | 'none' // exists, isEmpty, isNotEmpty
  | 'number'
  | 'text'
  | 'semver'
  | 'boolean'
  | 'enum'
  | 'enumList' // in / notIn on an enum
  | 'date'
  | 'dateRange' // two dates or a preset
  | 'numberRange'
  | 'semverRange'
  | 'textRange' // between on strings (in "C" order, as the search sorts them)
  | 'tags' // a list of strings (or numbers) typed one by one
  | 'related'; // direction, blueprint, entities and hops of a relatedTo rule

export function valueControl(field: Pick<Field, 'kind'>, op: Operator): ValueControl {
  if (PRESENCE.includes(op)) return 'none';
  if (op === 'relatedTo') return 'related';
  const list = op === 'in' || op === 'notIn' || op === 'containsAny' || op === 'containsAll';
  const range = op === 'between' || op === 'notBetween';
  switch (field.kind) {
    case 'number':
      return range ? 'numberRange' : list ? 'tags' : 'number';
    case 'semver':
      return range ? 'semverRange' : list ? 'tags' : 'semver';
    case 'date':
      return range ? 'dateRange' : 'date';
    case 'boolean':
    case 'scorecardRule':
      return 'boolean';
    case 'enum':
    case 'scorecardLevel':
      return list ? 'enumList' : 'enum';
    case 'stringArray':
      return list ? 'tags' : 'text';
    case 'numberArray':
      return list ? 'tags' : 'number';
    default:
      return range ? 'textRange' : list ? 'tags' : 'text';
  }
}

/** The value a fresh rule starts with for a control (the builder's empty state). */
export function initialValue(control: ValueControl, field: Pick<Field, 'options'>): unknown {
  switch (control) {
    case 'none':
      return undefined;
    case 'boolean':
      return true;
    case 'enum':
      return field.options?.[0] ?? '';
    case 'enumList':
    case 'tags':
      return [];
    case 'dateRange':
      return { preset: 'last7Days' };
    case 'related':
      return { blueprint: '', value: [], direction: 'downstream', max_hops: 1 };
    case 'numberRange':
    case 'semverRange':
    case 'textRange':
      return [null, null];
    default:
      return '';
  }
}
