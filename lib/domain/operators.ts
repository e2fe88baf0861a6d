import type { PropertyType } from './property-type';

// Which rule operators fit a property's type (API.md "Search body"): the search compiler refuses
// any other with a 400 (lib/search/type-query.ts), and the catalog's filter builder offers exactly
// these, in this order (lib/catalog-view/operators.ts). Isomorphic: no server import.

export const OPERATORS = [
  '=',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'between',
  'notBetween',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'beginsWith',
  'endsWith',
  'containsAny',
  'containsAll',
  'exists',
  'isEmpty',
  'isNotEmpty',
  'relatedTo',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const PRESENCE_OPERATORS: readonly Operator[] = ['exists', 'isEmpty', 'isNotEmpty'];
const PRESENCE = PRESENCE_OPERATORS;
const EQUAL: Operator[] = ['=', '!='];
const ORDER: Operator[] = ['>', '>=', '<', '<=', 'between', 'notBetween'];
const IN: Operator[] = ['in', 'notIn'];
const LIKE: Operator[] = ['contains', 'doesNotContain', 'beginsWith', 'endsWith'];
const ARRAY: Operator[] = ['contains', 'doesNotContain', 'containsAny', 'containsAll'];

export function isOperator(value: unknown): value is Operator {
  return typeof value === 'string' && (OPERATORS as readonly string[]).includes(value);
}

/** The operators a rule on a property of this type takes (relatedTo is a rule of its own). */
export function operatorsFor(type: PropertyType): Operator[] {
  if (type.kind === 'array') return type.items === 'other' ? [...PRESENCE] : [...ARRAY, ...PRESENCE];
  if (type.kind !== 'scalar') return [...PRESENCE];
  switch (type.scalar) {
    case 'string':
      return type.enum ? [...EQUAL, ...IN, ...PRESENCE] : [...EQUAL, ...LIKE, ...IN, ...ORDER, ...PRESENCE];
    case 'number':
    case 'semver':
      return [...EQUAL, ...ORDER, ...IN, ...PRESENCE];
    case 'boolean':
      return [...EQUAL, ...PRESENCE];
    case 'datetime':
    case 'date':
      return [...ORDER, ...EQUAL, ...PRESENCE];
  }
}
