import type { PropertySchema } from './property-value';

export type Column = { key: string; title: string; schema: PropertySchema };

/**
 * Up to `max` columns from the schema, in the schema's own order (the order its author gave the
 * properties, which the form shows too): scalars only (enums, numbers, booleans, plain strings);
 * markdown, arrays and objects do not fit a cell.
 */
export function pickColumns(schema: { properties?: Record<string, PropertySchema> }, max = 4): Column[] {
  const fits = (s: PropertySchema) =>
    !!s.enum || s.type === 'number' || s.type === 'integer' || s.type === 'boolean' || (s.type === 'string' && s.format !== 'markdown');
  return Object.entries(schema.properties ?? {})
    .filter(([, s]) => fits(s))
    .slice(0, max)
    .map(([key, s]) => ({ key, title: s.title ?? key, schema: s }));
}
