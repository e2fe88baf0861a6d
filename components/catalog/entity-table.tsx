import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { formatDateTime } from '@/components/ui/format';
import type { EntityRow } from '@/lib/entities/list-entities';
import { PropertyValue, type PropertySchema } from './property-value';

export type Column = { key: string; title: string; schema: PropertySchema };

/** Up to `max` columns from the schema: short scalar properties first (enums, numbers, booleans). */
export function pickColumns(schema: { properties?: Record<string, PropertySchema> }, max = 4): Column[] {
  const entries = Object.entries(schema.properties ?? {});
  const rank = (s: PropertySchema) =>
    s.enum ? 0 : s.type === 'number' || s.type === 'integer' || s.type === 'boolean' ? 1 : s.type === 'string' && s.format !== 'markdown' ? 2 : 3;
  return entries
    .filter(([, s]) => rank(s) < 3)
    .sort((a, b) => rank(a[1]) - rank(b[1]))
    .slice(0, max)
    .map(([key, s]) => ({ key, title: s.title ?? key, schema: s }));
}

/** `hrefFor`: the entity's page (its title links there). */
export function EntityTable({ columns, entities, hrefFor }: { columns: Column[]; entities: EntityRow[]; hrefFor?: (identifier: string) => string }) {
  return (
    <DataTable columns={['Title', ...columns.map((c) => c.title), 'Updated']}>
          {entities.map((e) => (
            <tr key={e.id} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                {hrefFor ? (
                  <Link href={hrefFor(e.identifier)} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500">
                    {e.title ?? e.identifier}
                  </Link>
                ) : (
                  <p className="font-medium text-slate-900">{e.title ?? e.identifier}</p>
                )}
                <p className="font-mono text-xs text-slate-400">{e.identifier}</p>
              </td>
              {columns.map((c) => (
                <td key={c.key} className="px-4 py-3 text-slate-700">
                  <PropertyValue schema={c.schema} value={e.data[c.key]} />
                </td>
              ))}
              <td className="whitespace-nowrap px-4 py-3 text-slate-500">{formatDateTime(e.updatedAt)}</td>
            </tr>
          ))}
    </DataTable>
  );
}
