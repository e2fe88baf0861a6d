import { FINAL_RUN_STATUSES, type RunStatus, type StepResult } from '@/lib/actions/action-types';
import type { BadgeTone } from '@/components/ui/badge';

// How a run's and a step's status read on the pages: words, a badge colour, and whether the run
// can still change (its page keeps polling and streaming until it cannot).

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  waiting_approval: 'Waiting for approval',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const RUN_TONES: Record<RunStatus, BadgeTone> = {
  queued: 'slate',
  waiting_approval: 'amber',
  running: 'indigo',
  succeeded: 'emerald',
  failed: 'red',
  cancelled: 'slate',
};

export function runTone(status: RunStatus): BadgeTone {
  return RUN_TONES[status] ?? 'slate';
}

export function isFinal(status: RunStatus): boolean {
  return FINAL_RUN_STATUSES.includes(status);
}

/** A run that someone may still cancel (API.md: queued or waiting). */
export function isCancellable(status: RunStatus): boolean {
  return status === 'queued' || status === 'waiting_approval';
}

const STEP_TONES: Record<StepResult['status'], BadgeTone> = {
  pending: 'slate',
  running: 'indigo',
  waiting: 'amber',
  succeeded: 'emerald',
  failed: 'red',
  skipped: 'slate',
  cancelled: 'slate',
};

export function stepTone(status: StepResult['status']): BadgeTone {
  return STEP_TONES[status] ?? 'slate';
}

/** "1.2 s", "3 min 4 s": how long something took, or null when it has not both ends. */
export function duration(from: string | null | undefined, to: string | null | undefined): string | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return null;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
