import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { blueprintActionsHref } from './action-paths';

// "Actions" on a blueprint's catalog page, beside "Scorecards" (for callers with action:read).
export function ActionsLink({ team, blueprint }: { team: string; blueprint: string }) {
  return (
    <Link href={blueprintActionsHref(team, blueprint)} className={`${buttonClass('secondary')} shrink-0`}>
      <span aria-hidden>⚡</span> Actions
    </Link>
  );
}
