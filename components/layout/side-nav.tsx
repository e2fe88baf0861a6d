'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import type { BlueprintSummary } from '@/lib/blueprints/list-blueprints';
import type { NavView } from '@/lib/saved-views/list-team-views';
import { ApprovalCount } from '@/components/actions/approvals-inbox';
import { formatCount } from '@/components/ui/format';

const item =
  'flex items-center gap-2 rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-medium aria-[current=page]:text-indigo-700';

const SETTINGS = [
  { href: '/settings', label: 'General', icon: '⚙️', needs: 'team:manage' },
  { href: '/settings/members', label: 'Members', icon: '👥', needs: null },
  { href: '/settings/roles', label: 'Roles', icon: '🛡️', needs: null },
  { href: '/settings/groups', label: 'Groups', icon: '🧑‍🤝‍🧑', needs: null },
  { href: '/settings/api-keys', label: 'API keys', icon: '🔑', needs: 'team:manage' },
  { href: '/integrations', label: 'Integrations', icon: '🔌', needs: 'integration:read' },
  { href: '/import', label: 'Import', icon: '📥', needs: 'entity:write' },
  { href: '/audit', label: 'Audit log', icon: '📜', needs: 'team:manage' },
  { href: '/api-reference', label: 'API reference', icon: '🧾', needs: 'blueprint:read' },
] as const;

// The team's navigation. Links the caller's role cannot use are not shown at all. Each blueprint
// lists its saved views the caller sees (shared ones and their own), one level in.
export function SideNav({
  teamSlug,
  blueprints,
  views = [],
  permissions,
}: {
  teamSlug: string;
  blueprints: BlueprintSummary[];
  views?: NavView[];
  permissions: string[];
}) {
  const pathname = usePathname();
  const openView = useSearchParams().get('view');
  const home = `/t/${teamSlug}`;
  const settings = SETTINGS.filter((s) => s.needs === null || permissions.includes(s.needs));
  const scorecards = permissions.includes('scorecard:read');
  const onScorecards = (href: string) => pathname.startsWith(`${href}/scorecards`);
  const actions = permissions.includes('action:read');
  const ACTIONS = [
    { href: '/actions', label: 'Actions', icon: '⚡' },
    { href: '/runs', label: 'Runs', icon: '🏃' },
    { href: '/approvals', label: 'Approvals', icon: '✅' },
  ];
  return (
    <nav
      aria-label="Portal"
      className="sticky top-14 flex h-[calc(100vh-3.5rem)] w-60 shrink-0 flex-col gap-6 overflow-y-auto border-r border-slate-200 bg-white px-3 py-5"
    >
      <Link href={home} className={item} aria-current={pathname === home ? 'page' : undefined}>
        <span aria-hidden>📚</span> Catalog
      </Link>
      <div>
        <p className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Blueprints</p>
        <ul className="space-y-0.5">
          {blueprints.map((b) => {
            const href = `${home}/blueprints/${b.id}`;
            return (
              <li key={b.id}>
                <Link
                  href={href}
                  className={item}
                  aria-current={pathname.startsWith(href) && !onScorecards(href) && !(pathname === href && openView) ? 'page' : undefined}
                >
                  <span aria-hidden>{b.icon ?? '📦'}</span>
                  <span className="truncate">{b.title}</span>
                  <span className="ml-auto text-xs tabular-nums text-slate-500">{formatCount(b.entityCount)}</span>
                </Link>
                {views.some((v) => v.blueprint === b.id) && (
                  <ul aria-label={`${b.title} views`} className="space-y-0.5">
                    {views
                      .filter((v) => v.blueprint === b.id)
                      .map((v) => (
                        <li key={v.identifier}>
                          <Link
                            href={`${href}?view=${v.identifier}`}
                            className={`${item} ml-6 py-1`}
                            aria-current={pathname === href && openView === v.identifier ? 'page' : undefined}
                          >
                            <span aria-hidden>{v.shared ? '👁️' : '🔒'}</span>
                            <span className="truncate">{v.title}</span>
                            <span className="sr-only">{v.shared ? '(shared view)' : '(my view)'}</span>
                          </Link>
                        </li>
                      ))}
                  </ul>
                )}
                {/* The open blueprint's scorecards, one level in. */}
                {scorecards && pathname.startsWith(href) && (
                  <Link href={`${href}/scorecards`} className={`${item} ml-6`} aria-current={onScorecards(href) ? 'page' : undefined}>
                    <span aria-hidden>🏅</span> Scorecards
                  </Link>
                )}
              </li>
            );
          })}
          {blueprints.length === 0 && <li className="px-3 py-1.5 text-sm text-slate-500">None yet</li>}
        </ul>
      </div>
      {actions && (
        <div>
          <p className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Self-service</p>
          <ul className="space-y-0.5">
            {ACTIONS.map((a) => (
              <li key={a.href}>
                <Link
                  href={`${home}${a.href}`}
                  className={item}
                  aria-current={pathname.startsWith(`${home}${a.href}`) ? 'page' : undefined}
                >
                  <span aria-hidden>{a.icon}</span> {a.label}
                  {a.href === '/approvals' && <ApprovalCount team={teamSlug} />}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <p className="px-3 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Team</p>
        <ul className="space-y-0.5">
          {settings.map((s) => (
            <li key={s.href}>
              <Link
                href={`${home}${s.href}`}
                className={item}
                aria-current={
                  pathname === `${home}${s.href}` || (s.href === '/integrations' && pathname.startsWith(`${home}${s.href}/`))
                    ? 'page'
                    : undefined
                }
              >
                <span aria-hidden>{s.icon}</span> {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
