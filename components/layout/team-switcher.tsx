import Link from 'next/link';
import type { TeamSummary } from '@/lib/teams/team-summary';
import { DismissibleDetails } from './dismissible-details';

// A native <details> menu: keyboard-usable (Enter/Space opens, Tab moves) without client JS; Escape
// and a click outside close it.
export function TeamSwitcher({ teams, current }: { teams: TeamSummary[]; current?: TeamSummary }) {
  return (
    <DismissibleDetails className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500">
        {/* The accessible name holds the visible text (axe: label-content-name-mismatch). */}
        <span className="sr-only">Switch team: </span>
        <span aria-hidden className="flex h-6 w-6 items-center justify-center rounded bg-indigo-100 text-xs font-semibold text-indigo-700">
          {(current?.name ?? '?').slice(0, 1).toUpperCase()}
        </span>
        {current?.name ?? 'Choose a team'}
        <svg className="h-4 w-4 text-slate-500 transition group-open:rotate-180" viewBox="0 0 20 20" fill="currentColor" aria-hidden>
          <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </summary>
      <div className="absolute left-0 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
        <p className="px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500">Teams</p>
        {teams.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">No teams yet</p>}
        <ul>
          {teams.map((team) => (
            <li key={team.id}>
              <Link
                href={`/t/${team.slug}`}
                aria-current={team.id === current?.id ? 'page' : undefined}
                className="flex items-center justify-between rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 aria-[current=page]:font-semibold"
              >
                {team.name}
                <span className="font-mono text-xs text-slate-500">{team.slug}</span>
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-1 border-t border-slate-100 pt-1">
          <Link href="/teams/new" className="block rounded-md px-3 py-2 text-sm font-medium text-indigo-600 hover:bg-slate-100">
            + Create a team
          </Link>
        </div>
      </div>
    </DismissibleDetails>
  );
}
