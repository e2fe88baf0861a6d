import Link from 'next/link';
import type { ReactNode } from 'react';
import type { UserActor } from '@/lib/auth/actor';
import type { TeamSummary } from '@/lib/teams/team-summary';
import { TeamSwitcher } from './team-switcher';
import { UserMenu } from './user-menu';

/** `search`: the team's quick search (Ctrl/Cmd-K), when the page belongs to a team. */
export function AppHeader({
  user,
  teams,
  current,
  search,
}: {
  user: UserActor;
  teams: TeamSummary[];
  current?: TeamSummary;
  search?: ReactNode;
}) {
  return (
    <header className="sticky top-0 z-20 flex h-14 items-center gap-4 border-b border-slate-200 bg-white/95 px-4 backdrop-blur">
      {/* The first stop of the keyboard: past the header and the navigation, to the page (every main is #main). */}
      <a
        href="#main"
        className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:z-30"
      >
        Skip to main content
      </a>
      <Link
        href="/"
        className="flex items-center gap-2 rounded-md font-semibold tracking-tight text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- a 24px static SVG needs no optimisation */}
        <img src="/favicon.svg" alt="" width={24} height={24} />
        Baseplate
      </Link>
      <span className="h-6 w-px bg-slate-200" aria-hidden />
      <TeamSwitcher teams={teams} current={current} />
      {search && <div className="ml-6">{search}</div>}
      <div className="ml-auto">
        <UserMenu name={user.name} email={user.email} />
      </div>
    </header>
  );
}
