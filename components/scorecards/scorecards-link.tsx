import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { scorecardsHref } from './scorecard-paths';

// "Scorecards" on a blueprint's catalog page, beside "Edit blueprint" (for callers with scorecard:read).
export function ScorecardsLink({ team, blueprint }: { team: string; blueprint: string }) {
  return (
    <Link href={scorecardsHref(team, blueprint)} className={`${buttonClass('secondary')} shrink-0`}>
      <span aria-hidden>🏅</span> Scorecards
    </Link>
  );
}
