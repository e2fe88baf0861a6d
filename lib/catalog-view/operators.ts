import type { Field, FieldKind } from './fields';

// Which operators fit a field's kind (API.md "Search body"), and which value control each needs.
// The search compiler refuses an operator that does not fit a property's type (400), so the filter
// builder offers only these: a subset of lib/search/type-query.ts operatorsFor (strings are not
// offered < and >: ordering free text by collation is rarely what a person means).

export const OPERATORS = [
  '=', '!=', '>', '>=', '<', '<=', 'between', 'notBetween', 'in', 'notIn', 'contains', 'doesNotContain',
  'beginsWith', 'endsWith', 'containsAny', 'containsAll', 'exists', 'isEmpty', 'isNotEmpty', 'relatedTo',
] as const;
export type Operator = (typeof OPERATORS)[number];

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

const ORDERED: Operator[] = ['=', '!=', '>', '>=', '<', '<=', 'between', 'notBetween', 'in', 'notIn'];
const TEXT: Operator[] = ['=', '!=', 'contains', 'doesNotContain', 'beginsWith', 'endsWith', 'in', 'notIn'];
const PRESENCE: Operator[] = ['exists', 'isEmpty', 'isNotEmpty'];

const BY_KIND: Record<FieldKind, Operator[]> = {
  number: [...ORDERED, ...PRESENCE],
  semver: [...ORDERED, ...PRESENCE],
  date: ['>', '>=', '<', '<=', 'between', 'notBetween', ...PRESENCE],
  string: [...TEXT, ...PRESENCE],
  enum: ['=', '!=', 'in', 'notIn', ...PRESENCE],
  boolean: ['=', '!=', ...PRESENCE],
  stringArray: ['contains', 'doesNotContain', 'containsAny', 'containsAll', ...PRESENCE],
  object: PRESENCE,
  relation: [],
  related: ['relatedTo'],
};

/** The operators that fit a field, in the order the builder lists them. */
export function operatorsFor(field: Pick<Field, 'kind' | 'meta' | 'nullable'>): Operator[] {
  const ops = BY_KIND[field.kind];
  // Every entity has its identifier and timestamps: "is set" / "is empty" would be constant.
  if (field.meta && !field.nullable) return ops.filter((op) => !PRESENCE.includes(op));
  return ops;
}

export function fits(field: Pick<Field, 'kind' | 'meta' | 'nullable'>, op: string): op is Operator {
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
      return 'boolean';
    case 'enum':
      return list ? 'enumList' : 'enum';
    case 'stringArray':
      return list ? 'tags' : 'text';
    default:
      return list ? 'tags' : 'text';
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
      return [null, null];
    default:
      return '';
  }
}
