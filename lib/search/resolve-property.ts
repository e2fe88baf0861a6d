import { SEARCH_LIMITS, searchError } from './search-limits';
import { propertyType, type PropertyType } from '@/lib/domain/property-type';
import { META_COLUMNS, type MetaProperty, type ResolvedProperty } from './search-types';

// A property of a rule or a sort key, typed by the blueprint's JSON Schema: a meta-property
// ($identifier, $title, ...) or a dot path walked through nested `properties`. A path the schema
// does not declare is a 400 (never a silent "no match"). The path itself only ever reaches SQL as
// a parameter (text[]), so a key may hold any character.

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property's type from its schema node: the domain rule the filter builder applies too. */
export const typeOfSchema = (node: Schema): PropertyType => propertyType(node);

export function resolveProperty(schema: unknown, name: string, at: string): ResolvedProperty {
  if (name.startsWith('$')) {
    if (!Object.hasOwn(META_COLUMNS, name)) {
      throw searchError(at, `unknown meta-property "${name.slice(0, 50)}" (meta-properties: ${Object.keys(META_COLUMNS).join(', ')})`);
    }
    const meta = META_COLUMNS[name as MetaProperty];
    return { name, target: { source: 'meta', column: meta.column, nullable: meta.nullable }, type: meta.type };
  }
  const path = name.split('.');
  if (path.length > SEARCH_LIMITS.maxPathSegments)
    throw searchError(at, `a property path has at most ${SEARCH_LIMITS.maxPathSegments} parts`);
  let node: unknown = schema;
  for (const [i, key] of path.entries()) {
    const properties = isObject(node) ? node.properties : undefined;
    if (key === '' || !isObject(properties) || !Object.hasOwn(properties, key) || !isObject(properties[key])) {
      const shown = JSON.stringify(
        path
          .slice(0, i + 1)
          .join('.')
          .slice(0, 80),
      );
      throw searchError(at, `unknown property ${shown}: the blueprint's schema does not declare it`);
    }
    node = properties[key];
  }
  return { name, target: { source: 'data', path }, type: typeOfSchema(node as Schema) };
}
