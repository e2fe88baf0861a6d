import Link from 'next/link';
import { runsHref } from '@/components/actions/action-paths';
import { HomePanel, PanelEmpty } from '@/components/team-home/home-panel';
import { MostConnectedList } from '@/components/team-home/most-connected-list';
import { RecentRunsList } from '@/components/team-home/recent-runs-list';
import { ScorecardSummaries } from '@/components/team-home/scorecard-summaries';
import { WritesChart } from '@/components/team-home/writes-chart';
import type { TeamContext } from '@/lib/authz/team-context';
import { getDb } from '@/lib/db/prisma';
import { countEntityWrites, WRITE_DAYS } from '@/lib/team-home/count-entity-writes';
import { listMostConnected } from '@/lib/team-home/list-most-connected';
import { listRecentRuns } from '@/lib/team-home/list-recent-runs';
import { summarizeTeamScorecards } from '@/lib/team-home/summarize-team-scorecards';
import { unlessRefused } from '@/lib/web/page-context';

// The team home's panels, each an async server component streamed behind its own skeleton
// (page.tsx wraps each in Suspense). Each reads its service as the viewer: a panel the viewer may
// not read (a refusal) is left out, never shown empty.

type Props = { ctx: TeamContext };

const NOT_COUNTED = 'Too much to count quickly right now; try again later.';

export async function WritesPanel({ ctx }: Props) {
  const writes = await unlessRefused(countEntityWrites(getDb(), ctx), undefined);
  if (writes === undefined) return null;
  return (
    <HomePanel id="writes" title="What changed" aside={`Entity writes, last ${WRITE_DAYS} days (UTC)`}>
      {writes === null ? (
        <PanelEmpty>{NOT_COUNTED}</PanelEmpty>
      ) : writes.total === 0 ? (
        <PanelEmpty>No writes in the last {WRITE_DAYS} days.</PanelEmpty>
      ) : (
        <WritesChart days={writes.days} />
      )}
    </HomePanel>
  );
}

export async function MostConnectedPanel({ ctx }: Props) {
  const entities = await unlessRefused(listMostConnected(getDb(), ctx), undefined);
  if (entities === undefined) return null;
  return (
    <HomePanel id="connected" title="Most connected" aside="Links in and out">
      {entities === null ? (
        <PanelEmpty>{NOT_COUNTED}</PanelEmpty>
      ) : entities.length === 0 ? (
        <PanelEmpty>No entity is linked to another yet.</PanelEmpty>
      ) : (
        <MostConnectedList team={ctx.team.slug} entities={entities} />
      )}
    </HomePanel>
  );
}

export async function ScorecardsPanel({ ctx }: Props) {
  const result = await unlessRefused(summarizeTeamScorecards(getDb(), ctx), null);
  if (!result || result.scorecards.length === 0) return null; // shown once the team has a scorecard
  return (
    <HomePanel id="scorecards" title="Scorecards" aside={result.more ? 'The first few; more on each blueprint' : undefined}>
      <ScorecardSummaries team={ctx.team.slug} scorecards={result.scorecards} />
    </HomePanel>
  );
}

export async function RunsPanel({ ctx }: Props) {
  const result = await unlessRefused(listRecentRuns(getDb(), ctx), null);
  if (!result || !result.hasActions) return null; // shown once the team has an action
  return (
    <HomePanel
      id="runs"
      title="Recent action runs"
      aside={
        <Link href={runsHref(ctx.team.slug)} className="font-medium text-indigo-700 hover:underline">
          All runs
        </Link>
      }
    >
      {result.runs.length === 0 ? <PanelEmpty>No runs yet.</PanelEmpty> : <RecentRunsList team={ctx.team.slug} runs={result.runs} />}
    </HomePanel>
  );
}
