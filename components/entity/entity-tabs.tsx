import Link from 'next/link';
import { entityHref } from './entity-href';

export type EntityTab = 'overview' | 'graph' | 'history' | 'scorecards';

// Overview, Graph, History (and Scorecards) of one entity, as links (each tab is its own URL, so it can be shared).
export function EntityTabs({
  team,
  blueprint,
  identifier,
  current,
  scorecards = false,
}: {
  team: string;
  blueprint: string;
  identifier: string;
  current: EntityTab;
  /** The Scorecards tab, for callers who may read scorecards. */
  scorecards?: boolean;
}) {
  const tabs = [
    { key: 'overview', label: 'Overview' },
    { key: 'graph', label: 'Graph' },
    { key: 'history', label: 'History' },
    ...(scorecards ? [{ key: 'scorecards', label: 'Scorecards' } as const] : []),
  ] as const;
  return (
    <nav aria-label="Entity" className="mb-6 flex gap-1 border-b border-slate-200">
      {tabs.map((t) => {
        const active = t.key === current;
        return (
          <Link
            key={t.key}
            href={entityHref(team, blueprint, identifier, t.key)}
            aria-current={active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800'}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
