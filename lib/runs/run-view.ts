import type { ActionSnapshot, ApprovalDecision, RequestedBy, RunStatus, StepResult } from '@/lib/actions/action-types';
import type { Prisma } from '@/lib/generated/prisma/client';

// The API's view of a run (API.md GET .../runs/{run}). The token is never part of it (only its
// hash is kept); step results drop the runner's lease.

export type RunRecord = {
  teamId: string;
  id: string;
  actionId: string;
  entityId: string | null;
  blueprintId: string | null;
  entityIdentifier: string | null;
  status: string;
  inputs: Prisma.JsonValue;
  stepResults: Prisma.JsonValue;
  actionSnapshot: Prisma.JsonValue;
  requestedBy: Prisma.JsonValue;
  triggeredBy: string | null;
  error: string | null;
  link: string | null;
  summary: string | null;
  stepIndex: number;
  approval: Prisma.JsonValue;
  automationId: string | null;
  depth: number;
  reportDeadline: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export type RunView = {
  id: string;
  action: string;
  action_title: string;
  blueprint: string;
  entity: string | null;
  status: RunStatus;
  inputs: Record<string, unknown>;
  requested_by: RequestedBy;
  steps: Array<Omit<StepResult, 'attempts'> & { attempts: number }>;
  approval: ApprovalDecision | null;
  /** Whether the requester may approve or reject the run (the action's approval.allow_self). */
  self_approval: boolean;
  link: string | null;
  summary: string | null;
  error: string | null;
  report_deadline: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

export const snapshotOf = (run: RunRecord) => run.actionSnapshot as unknown as ActionSnapshot;
export const stepResultsOf = (run: RunRecord) => run.stepResults as unknown as Array<StepResult & { lease_until?: string | null }>;

export function toRunView(run: RunRecord): RunView {
  const snapshot = snapshotOf(run);
  return {
    id: run.id,
    action: snapshot.identifier,
    action_title: snapshot.title,
    blueprint: snapshot.blueprint,
    entity: run.entityIdentifier,
    status: run.status as RunStatus,
    inputs: run.inputs as Record<string, unknown>,
    requested_by: run.requestedBy as unknown as RequestedBy,
    steps: stepResultsOf(run).map((s) => ({
      type: s.type,
      status: s.status,
      started_at: s.started_at,
      finished_at: s.finished_at,
      attempts: s.attempts ?? 0,
      output: s.output ?? null,
    })),
    approval: (run.approval as unknown as ApprovalDecision | null) ?? null,
    self_approval: snapshot.approval?.allow_self ?? false,
    link: run.link,
    summary: run.summary,
    error: run.error,
    report_deadline: run.reportDeadline?.toISOString() ?? null,
    created_at: run.createdAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}

/** The columns of RunRecord, for Prisma selects. */
export const RUN_SELECT = {
  teamId: true,
  id: true,
  actionId: true,
  entityId: true,
  blueprintId: true,
  entityIdentifier: true,
  status: true,
  inputs: true,
  stepResults: true,
  actionSnapshot: true,
  requestedBy: true,
  triggeredBy: true,
  error: true,
  link: true,
  summary: true,
  stepIndex: true,
  approval: true,
  automationId: true,
  depth: true,
  reportDeadline: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;
