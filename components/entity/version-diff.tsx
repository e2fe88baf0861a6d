import { formatDateTime } from '@/components/ui/format';
import { diffLabel, diffVersions, type DiffLine, type VersionSnapshot } from './entity-diff';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return INSTANT.test(value) ? formatDateTime(value) : value;
  if (Array.isArray(value) && value.length === 0) return 'none';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const KIND = {
  added: { label: 'Added', className: 'bg-emerald-50 text-emerald-700 ring-emerald-200' },
  removed: { label: 'Removed', className: 'bg-red-50 text-red-700 ring-red-200' },
  changed: { label: 'Changed', className: 'bg-amber-50 text-amber-800 ring-amber-200' },
  list: { label: 'Changed', className: 'bg-amber-50 text-amber-800 ring-amber-200' },
} as const;

const Old = ({ value }: { value: unknown }) => (
  <del className="break-all rounded bg-red-50 px-1 font-mono text-xs text-red-700 decoration-red-300">{show(value)}</del>
);
const New = ({ value }: { value: unknown }) => (
  <ins className="break-all rounded bg-emerald-50 px-1 font-mono text-xs text-emerald-700 no-underline">{show(value)}</ins>
);

function Change({ line }: { line: DiffLine }) {
  switch (line.kind) {
    case 'added':
      return <New value={line.after} />;
    case 'removed':
      return <Old value={line.before} />;
    case 'changed':
      return (
        <span className="inline-flex flex-wrap items-center gap-1.5">
          <Old value={line.before} />
          <span aria-label="changed to" className="text-slate-500">
            →
          </span>
          <New value={line.after} />
        </span>
      );
    case 'list':
      return (
        <span className="inline-flex flex-wrap items-center gap-1.5">
          {line.added.map((v) => (
            <ins key={`+${show(v)}`} className="rounded bg-emerald-50 px-1 font-mono text-xs text-emerald-700 no-underline">
              <span aria-label="added">+</span> {show(v)}
            </ins>
          ))}
          {line.removed.map((v) => (
            <del key={`-${show(v)}`} className="rounded bg-red-50 px-1 font-mono text-xs text-red-700 no-underline">
              <span aria-label="removed">−</span> {show(v)}
            </del>
          ))}
          {line.added.length === 0 && line.removed.length === 0 && <span className="text-xs text-slate-500">same values, new order</span>}
        </span>
      );
  }
}

// Two versions side by side as a list of field changes, the older one on the left of each arrow,
// each named by its title in the blueprint's schema (or its relation's title), not its id.
export function VersionDiff({
  older,
  newer,
  schema,
  relationTitles,
}: {
  older: { version: number } & VersionSnapshot;
  newer: { version: number } & VersionSnapshot;
  schema?: unknown;
  relationTitles?: ReadonlyMap<string, string>;
}) {
  const lines = diffVersions(older, newer);
  return (
    <section
      aria-label={`Changes from version ${older.version} to version ${newer.version}`}
      className="rounded-xl border border-slate-200 bg-white"
    >
      <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-800">
        Version {older.version} → version {newer.version}
        <span className="ml-2 font-normal text-slate-500">
          {lines.length === 0 ? 'no differences' : `${lines.length} field${lines.length === 1 ? '' : 's'} differ`}
        </span>
      </h2>
      {lines.length > 0 && (
        <table className="w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th>Field</th>
              <th>Change</th>
              <th>Values</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lines.map((line) => (
              <tr key={`${line.scope ?? 'data'}:${line.path}`} data-diff-path={line.path} data-diff-scope={line.scope ?? 'data'}>
                <td className="w-1/4 px-4 py-2 align-top text-xs font-medium text-slate-700" title={line.path}>
                  {diffLabel(line, schema, relationTitles)}
                </td>
                <td className="w-24 px-2 py-2 align-top">
                  <span
                    className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${KIND[line.kind].className}`}
                  >
                    {KIND[line.kind].label}
                  </span>
                </td>
                <td className="px-4 py-2 align-top">
                  <Change line={line} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
