'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { RUN_STATUSES, type RunStatus } from '@/lib/actions/action-types';
import { RunList } from './run-list';

// The runs page: the status filter lives in the URL (`?status=`), so a filtered list can be shared.
export function RunsOverview({ team }: { team: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const raw = useSearchParams().get('status') ?? '';
  const status = (RUN_STATUSES as readonly string[]).includes(raw) ? (raw as RunStatus) : '';
  return <RunList team={team} status={status} onStatus={(next) => router.replace(next ? `${pathname}?status=${next}` : pathname)} />;
}
