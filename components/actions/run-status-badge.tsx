import type { RunStatus, StepResult } from '@/lib/actions/action-types';
import { Badge } from '@/components/ui/badge';
import { RUN_STATUS_LABELS, runTone, stepTone } from './run-status';

// A run's status as a coloured label (the words carry the meaning; the colour only helps).
export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span data-testid="run-status" data-status={status}>
      <Badge tone={runTone(status)}>{RUN_STATUS_LABELS[status] ?? status}</Badge>
    </span>
  );
}

export function StepStatusBadge({ status }: { status: StepResult['status'] }) {
  return <Badge tone={stepTone(status)}>{status}</Badge>;
}
