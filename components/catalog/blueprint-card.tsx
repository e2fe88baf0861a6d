import Link from 'next/link';
import type { BlueprintSummary } from '@/lib/blueprints/list-blueprints';
import { formatCount, formatDate } from '@/components/ui/format';

export function BlueprintCard({ teamSlug, blueprint: b }: { teamSlug: string; blueprint: BlueprintSummary }) {
  return (
    <Link
      href={`/t/${teamSlug}/blueprints/${b.id}`}
      className="group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow-md focus-visible:outline-2 focus-visible:outline-indigo-500"
      data-testid={`blueprint-card-${b.id}`}
    >
      <div className="flex items-start gap-3">
        <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-xl" aria-hidden>
          {b.icon ?? '📦'}
        </span>
        <div className="min-w-0">
          <h2 className="font-semibold text-slate-900 group-hover:text-indigo-700">{b.title}</h2>
          <p className="font-mono text-xs text-slate-500">{b.id}</p>
        </div>
        <div className="ml-auto text-right">
          <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="entity-count">
            {formatCount(b.entityCount)}
          </p>
          <p className="text-xs text-slate-500">{b.entityCount === 1 ? 'entity' : 'entities'}</p>
        </div>
      </div>
      {b.description && <p className="mt-3 line-clamp-2 text-sm text-slate-600">{b.description}</p>}
      <p className="mt-auto pt-4 text-xs text-slate-500">
        {b.propertyCount} properties · updated {formatDate(b.updatedAt)}
      </p>
    </Link>
  );
}
