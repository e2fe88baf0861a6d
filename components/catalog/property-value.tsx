import { formatDate, formatDateTime } from '@/components/ui/format';

export type PropertySchema = { type?: string; format?: string; enum?: unknown[]; title?: string };

// Renders one entity property by its schema type: badges for enums, links for urls, dates formatted.
export function PropertyValue({ schema, value }: { schema: PropertySchema; value: unknown }) {
  if (value === undefined || value === null || value === '') return <span className="text-slate-300">—</span>;
  if (schema.enum) {
    return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{String(value)}</span>;
  }
  if (typeof value === 'boolean') return <span>{value ? 'Yes' : 'No'}</span>;
  if (Array.isArray(value)) {
    return (
      <span className="flex flex-wrap gap-1">
        {value.slice(0, 4).map((v, i) => (
          <span key={i} className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">
            {typeof v === 'object' ? '{…}' : String(v)}
          </span>
        ))}
        {value.length > 4 && <span className="text-xs text-slate-500">+{value.length - 4}</span>}
      </span>
    );
  }
  if (typeof value === 'object') return <span className="text-slate-500">{Object.keys(value).length} fields</span>;
  if (schema.format === 'date-time') return <span className="whitespace-nowrap">{formatDateTime(String(value))}</span>;
  if (schema.format === 'date') return <span className="whitespace-nowrap">{formatDate(String(value))}</span>;
  if (schema.format === 'uri' || schema.format === 'url') {
    return (
      <a href={String(value)} className="text-indigo-600 hover:underline" rel="noreferrer noopener" target="_blank">
        {String(value).replace(/^https?:\/\//, '')}
      </a>
    );
  }
  if (typeof value === 'number') return <span className="tabular-nums">{value.toLocaleString('en')}</span>;
  return <span>{String(value)}</span>;
}
