import Link from 'next/link';
import { entityHref } from '@/components/entity/entity-href';
import { plural } from '@/components/ui/format';
import type { ConnectedEntity } from '@/lib/team-home/list-most-connected';

// The team's entities with the most links (in + out), each a link to its page.

export function MostConnectedList({ team, entities }: { team: string; entities: ConnectedEntity[] }) {
  return (
    <ol className="divide-y divide-slate-100" data-testid="most-connected">
      {entities.map((e) => (
        <li key={`${e.blueprint}/${e.identifier}`}>
          <Link href={entityHref(team, e.blueprint, e.identifier)} className="flex items-center gap-3 py-2 text-sm hover:bg-slate-50">
            <span className="min-w-0 truncate font-medium text-slate-900">{e.title ?? e.identifier}</span>
            <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{e.blueprint_title}</span>
            <span className="ml-auto shrink-0 text-xs tabular-nums text-slate-600" data-testid="link-count">
              {plural(e.links, 'link', 'links')}
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
