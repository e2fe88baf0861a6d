import type { StepResult } from '@/lib/actions/action-types';
import { formatTime } from '@/components/ui/format';
import { duration } from './run-status';
import { StepStatusBadge } from './run-status-badge';

const STEP_NAMES: Record<StepResult['type'], string> = {
  webhook: 'Webhook',
  'upsert-entity': 'Create or update an entity',
  'delete-entity': 'Delete an entity',
  approval: 'Approval',
};

// Each step of a run: what it is, its status, when it ran and for how long, and its output.
export function RunSteps({ steps }: { steps: StepResult[] }) {
  return (
    <section aria-labelledby="run-steps-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="run-steps-heading" className="mb-3 text-sm font-semibold text-slate-900">
        Steps
      </h2>
      {steps.length === 0 && <p className="text-sm text-slate-500">No step has started yet.</p>}
      <ol className="space-y-3">
        {steps.map((step, i) => (
          <li key={i} className="rounded-lg border border-slate-200 p-3" data-testid="run-step">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-xs font-medium text-slate-500">{i + 1}.</span>
              <span className="text-sm font-medium text-slate-900">{STEP_NAMES[step.type] ?? step.type}</span>
              <StepStatusBadge status={step.status} />
              {step.attempts !== undefined && step.attempts > 1 && <span className="text-xs text-slate-500">{step.attempts} attempts</span>}
              <span className="ml-auto text-xs text-slate-500">
                {step.started_at && formatTime(step.started_at)}
                {duration(step.started_at, step.finished_at) && ` · ${duration(step.started_at, step.finished_at)}`}
              </span>
            </div>
            {step.output !== undefined && step.output !== null && (
              <details className="mt-2">
                <summary className="cursor-pointer text-xs font-medium text-indigo-700">Output</summary>
                <pre
                  tabIndex={0}
                  aria-label={`Output of step ${i + 1}`}
                  className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-800"
                >
                  {typeof step.output === 'string' ? step.output : JSON.stringify(step.output, null, 2)}
                </pre>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
