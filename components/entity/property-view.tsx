// One property of an entity, rendered by its type in the blueprint schema: links for url and email,
// dates formatted, badges for enums and booleans, markdown rendered, tags for lists of strings,
// definition lists for nested objects and small tables for arrays of objects.

import { Badge } from '@/components/ui/badge';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { ownValue } from '@/lib/domain/own-keys';
import { propertyLabel } from '@/lib/domain/labels';
import type { JsonSchema } from '@/lib/forms/schema-to-fields';
import { MarkdownView } from './markdown-view';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const schemaOf = (v: unknown): JsonSchema => (isObject(v) ? v : {});

export function Empty() {
  return <span className="text-slate-500">—</span>;
}

/** The property names of an object value, the schema's and any extra keys, in the form's order. */
export function propertyEntries(schema: JsonSchema, value: Record<string, unknown>): Array<[string, JsonSchema]> {
  const props = isObject(schema.properties) ? schema.properties : {};
  // The schema's own order (the designer's), then any property the schema does not name.
  // Own keys only: a property may be called `constructor` or `__proto__`.
  const names = [...Object.keys(props), ...Object.keys(value).filter((k) => !Object.hasOwn(props, k))];
  return names.map((name) => [name, schemaOf(ownValue(props, name))]);
}

export function labelOf(name: string, schema: JsonSchema): string {
  return propertyLabel(name, schema);
}

function Scalar({ schema, value }: { schema: JsonSchema; value: unknown }) {
  if (Array.isArray(schema.enum)) return <Badge tone="indigo">{String(value)}</Badge>;
  if (typeof value === 'boolean') return <Badge tone={value ? 'emerald' : 'slate'}>{value ? 'Yes' : 'No'}</Badge>;
  if (typeof value === 'number') return <span className="tabular-nums">{value.toLocaleString('en')}</span>;
  if (typeof value !== 'string') return <code className="font-mono text-xs">{JSON.stringify(value)}</code>;
  switch (schema.format) {
    case 'email':
      return (
        <a href={`mailto:${value}`} className="text-indigo-600 hover:underline">
          {value}
        </a>
      );
    case 'uri':
    case 'url':
      return /^https?:\/\//i.test(value) ? (
        <a href={value} target="_blank" rel="noreferrer noopener" className="break-all text-indigo-600 hover:underline">
          {value}
        </a>
      ) : (
        <span className="break-all">{value}</span>
      );
    case 'date':
      return <time dateTime={value}>{formatDate(`${value}T00:00:00Z`)}</time>;
    case 'date-time':
      return <time dateTime={value}>{formatDateTime(value)}</time>;
    case 'markdown':
      return <MarkdownView source={value} />;
    case 'semver':
      return <Badge mono>{value}</Badge>;
    default:
      return <span className="whitespace-pre-wrap break-words">{value}</span>;
  }
}

function ObjectTable({ schema, rows }: { schema: JsonSchema; rows: unknown[] }) {
  const first = rows.find(isObject) ?? {};
  const columns = propertyEntries(
    schema,
    rows.filter(isObject).reduce<Record<string, unknown>>((all, r) => ({ ...all, ...r }), { ...first }),
  );
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium text-slate-500">
          <tr>
            {columns.map(([name, s]) => (
              <th key={name} scope="col" className="px-3 py-2">
                {labelOf(name, s)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map(([name, s]) => (
                <td key={name} className="px-3 py-2 align-top text-slate-700">
                  <PropertyView schema={s} value={ownValue(row, name)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PropertyView({ schema, value }: { schema: JsonSchema; value: unknown }) {
  if (value === undefined || value === null || value === '') return <Empty />;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">None</span>;
    const items = schemaOf(schema.items);
    if (value.every(isObject)) return <ObjectTable schema={items} rows={value} />;
    return (
      <ul className="flex flex-wrap gap-1.5" aria-label="Values">
        {value.map((v, i) => (
          <li key={i} className="rounded bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">
            {typeof v === 'object' ? JSON.stringify(v) : String(v)}
          </li>
        ))}
      </ul>
    );
  }
  if (isObject(value)) return <PropertyList schema={schema} value={value} nested />;
  return <Scalar schema={schema} value={value} />;
}

/** An object's properties as a definition list; `nested` for an object inside the entity's data. */
export function PropertyList({ schema, value, nested }: { schema: JsonSchema; value: Record<string, unknown>; nested?: boolean }) {
  const entries = propertyEntries(schema, value);
  if (entries.length === 0) return <p className="text-sm text-slate-500">No properties.</p>;
  return (
    <dl
      className={
        nested
          ? 'grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-slate-50/60 p-3 text-sm'
          : 'divide-y divide-slate-100'
      }
    >
      {entries.map(([name, s]) =>
        nested ? (
          <div key={name} className="contents">
            <dt className="text-slate-500">{labelOf(name, s)}</dt>
            <dd className="min-w-0 text-slate-800">
              <PropertyView schema={s} value={ownValue(value, name)} />
            </dd>
          </div>
        ) : (
          <div key={name} className="grid gap-1 py-3 sm:grid-cols-[14rem_1fr] sm:gap-4" data-property={name}>
            <dt className="text-sm font-medium text-slate-600">
              {labelOf(name, s)}
              {typeof s.description === 'string' && (
                <span className="mt-0.5 block text-xs font-normal text-slate-500">{s.description}</span>
              )}
            </dt>
            <dd className="min-w-0 text-sm text-slate-800">
              <PropertyView schema={s} value={ownValue(value, name)} />
            </dd>
          </div>
        ),
      )}
    </dl>
  );
}
