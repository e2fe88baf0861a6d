import type { PropertySchema } from './property-value';

export type Column = { key: string; title: string; schema: PropertySchema };

/** Up to `max` columns from the schema: short scalar properties first (enums, numbers, booleans). */
export function pickColumns(schema: { properties?: Record<string, PropertySchema> }, max = 4): Column[] {
  const entries = Object.entries(schema.properties ?? {});
  const rank = (s: PropertySchema) =>
    s.enum
      ? 0
      : s.type === 'number' || s.type === 'integer' || s.type === 'boolean'
        ? 1
        : s.type === 'string' && s.format !== 'markdown'
          ? 2
          : 3;
  return entries
    .filter(([, s]) => rank(s) < 3)
    .sort((a, b) => rank(a[1]) - rank(b[1]))
    .slice(0, max)
    .map(([key, s]) => ({ key, title: s.title ?? key, schema: s }));
}
