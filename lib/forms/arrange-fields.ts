// The order a form (and an entity's page) shows properties in. Blueprint schemas are stored in
// JSONB, which keeps object keys sorted by length, not as written, so `properties` order carries
// no intent by the time a page reads it. A predictable layout instead: short single-line values
// first (required before optional), then lists, long text, nested objects, repeatable rows and raw
// JSON; alphabetical by label within each group.

import { controlFor, humanise, type ControlKind, type FieldNode, type JsonSchema } from './schema-to-fields';

const GROUP: Record<ControlKind, number> = {
  text: 0,
  email: 0,
  url: 0,
  semver: 0,
  select: 0,
  number: 0,
  date: 0,
  datetime: 0,
  toggle: 0,
  tags: 1,
  multiselect: 1,
  textarea: 2,
  object: 3,
  rows: 4,
  json: 5,
};

type Sortable = { control: ControlKind; required: boolean; label: string };

function compare(a: Sortable, b: Sortable): number {
  return GROUP[a.control] - GROUP[b.control] || Number(b.required) - Number(a.required) || a.label.localeCompare(b.label, 'en', { sensitivity: 'base' });
}

/** The fields in display order, nested objects' and rows' fields too. */
export function arrangeFields(fields: FieldNode[]): FieldNode[] {
  return [...fields].sort(compare).map((f) => (f.children ? { ...f, children: arrangeFields(f.children) } : f));
}

/** The same order for property names of an object schema (the entity page's definition lists). */
export function arrangeProperties(names: string[], schema: JsonSchema): string[] {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const keyOf = (name: string): Sortable => {
    const s = props[name] && typeof props[name] === 'object' ? props[name] : {};
    return { control: controlFor(s), required: required.has(name), label: typeof s.title === 'string' && s.title ? s.title : humanise(name) };
  };
  return [...names].sort((a, b) => compare(keyOf(a), keyOf(b)));
}
