import Link from 'next/link';
import { formatDateTime } from '@/components/ui/format';

type Meta = {
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  version: number;
  owners: string[];
};

// Its owning groups, who made the entity and who changed it last, when, and the version (the ETag an edit sends).
export function EntityMeta({ meta, names, team }: { meta: Meta; names: Map<string, string>; team: string }) {
  const who = (id: string | null) => (id ? (names.get(id) ?? 'a former user') : 'the system');
  const rows = [
    { label: 'Created', when: meta.created_at, by: who(meta.created_by) },
    { label: 'Updated', when: meta.updated_at, by: who(meta.updated_by) },
  ];
  return (
    <aside aria-label="Details" className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
      <h2 className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Details</h2>
      <dl className="space-y-3">
        <div>
          <dt className="text-xs text-slate-500">Owners</dt>
          <dd className="text-slate-800" data-testid="entity-owners">
            {meta.owners.length === 0 ? (
              <span className="text-slate-500">No owning group</span>
            ) : (
              <ul className="flex flex-wrap gap-1">
                {meta.owners.map((o) => (
                  <li key={o}>
                    <Link
                      href={`/t/${team}/settings/groups`}
                      className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700 hover:underline"
                    >
                      {o}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        {rows.map((r) => (
          <div key={r.label}>
            <dt className="text-xs text-slate-500">{r.label}</dt>
            <dd className="text-slate-800">
              <time dateTime={r.when}>{formatDateTime(r.when)}</time>
              <span className="block text-xs text-slate-500">by {r.by}</span>
            </dd>
          </div>
        ))}
        <div>
          <dt className="text-xs text-slate-500">Version</dt>
          <dd className="font-mono text-slate-800" data-testid="entity-version">
            {meta.version}
          </dd>
        </div>
      </dl>
    </aside>
  );
}
