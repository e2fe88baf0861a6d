import type { Field } from './fields';

// Which properties get a facet (values with counts in the catalog's side column). A facet helps
// where values repeat: enums, booleans, and strings short by their schema (a `maxLength` of at
// most FACET_MAX_LENGTH, no format). A plain string without a bound is free text (a description,
// a URL, a name): its values are mostly distinct, so its facet would be a list of one-counts.

export const FACET_MAX_LENGTH = 100;

type PropertyNode = { maxLength?: unknown; format?: unknown };

/** The properties worth a facet, at most `max`, in the schema's order. */
export function facetFields(fields: Field[], schema: unknown, max = 6): Field[] {
  const raw = (schema as { properties?: unknown } | null)?.properties;
  const properties = raw && typeof raw === 'object' ? (raw as Record<string, PropertyNode>) : {};
  const short = (f: Field) => {
    const p = Object.hasOwn(properties, f.key) ? properties[f.key] : undefined;
    return f.kind === 'string' && !!p && p.format === undefined && typeof p.maxLength === 'number' && p.maxLength <= FACET_MAX_LENGTH;
  };
  return fields.filter((f) => !f.meta && !f.via && (f.kind === 'enum' || f.kind === 'boolean' || short(f))).slice(0, max);
}
