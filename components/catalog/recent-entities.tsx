import Link from 'next/link';
import { entityHref } from '@/components/entity/entity-href';
import { formatDateTime } from '@/components/ui/format';
import type { BlueprintSummary } from '@/lib/blueprints/list-blueprints';
import type { RecentEntity } from '@/lib/entities/list-recent-entities';

export function RecentEntities({
  teamSlug,
  entities,
  blueprints,
}: {
  teamSlug: string;
  entities: RecentEntity[];
  blueprints: BlueprintSummary[];
}) {
  const byId = new Map(blueprints.map((b) => [b.id, b]));
  return (
    <section aria-labelledby="recent-heading" className="mt-10">
      <h2 id="recent-heading" className="mb-3 text-sm font-semibold text-slate-900">
        Recently updated
      </h2>
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
        {entities.map((e) => {
          const blueprint = byId.get(e.blueprintId);
          return (
            <li key={e.id}>
              <Link
                href={entityHref(teamSlug, e.blueprintId, e.identifier)}
                className="flex items-center gap-3 px-4 py-2.5 text-sm hover:bg-slate-50"
              >
                <span aria-hidden>{blueprint?.icon ?? '📦'}</span>
                <span className="font-medium text-slate-900">{e.title ?? e.identifier}</span>
                <span className="font-mono text-xs text-slate-500">{e.identifier}</span>
                <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{blueprint?.title ?? e.blueprintId}</span>
                <span className="ml-auto whitespace-nowrap text-xs text-slate-500">{formatDateTime(e.updatedAt)}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
