// Where a JSON Schema (draft 2020-12, plus the older `definitions`) holds subschemas, by shape:
// one subschema, a map of them by name, or a list. Anything else under a schema is data (a
// property named "pattern" or "$ref" is not a keyword). Walkers of user schemas read these lists.

export const SUBSCHEMA_ONE = [
  'additionalProperties',
  'items',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
] as const;

export const SUBSCHEMA_MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'] as const;

export const SUBSCHEMA_LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
