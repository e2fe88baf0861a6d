import type { ActionStep, ApprovalDecision, ApprovalPolicy, RequestedBy, RunStatus, StepResult, Trigger } from '@/lib/actions/action-types';

// The action and run routes' answers as the browser reads them (API.md "Actions and runs"), built
// on the shared shapes of lib/actions/action-types.ts (type imports only). Where the contract
// leaves a detail open (is a run's `action` an identifier or an object?), the readers below accept
// both, so the pages keep working whichever way the server settles it.

export type ActionView = {
  identifier: string;
  title: string;
  description: string | null;
  icon: string | null;
  blueprint: string;
  trigger: Trigger;
  condition: object | null;
  user_inputs: Record<string, unknown>;
  steps: ActionStep[];
  approval: ApprovalPolicy | null;
  enabled?: boolean;
  created_at?: string;
  updated_at?: string;
};
/** The 201 of a create: the action, with its signing secret this once. */
export type CreatedAction = ActionView & { signing_secret?: string };
export type ActionList = { actions: ActionView[]; next_cursor: string | null };

export type RunView = {
  id: string;
  action: string | { identifier: string; title?: string | null };
  action_title?: string;
  entity: string | { blueprint?: string; identifier: string; title?: string | null } | null;
  blueprint?: string | null;
  status: RunStatus;
  inputs: Record<string, unknown> | null;
  requested_by: RequestedBy | null;
  steps: StepResult[];
  link: string | null;
  summary: string | null;
  approval?: ApprovalDecision | null;
  /** Whether the requester may decide on the run. */
  self_approval?: boolean;
  /** Why a failed run failed. */
  error?: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};
export type RunList = { runs: RunView[]; next_cursor: string | null };

export type RunLogLine = { id?: string | number; at?: string; created_at?: string; level?: string; message: string; step?: number | null };
export type RunLogList = { logs: RunLogLine[]; next_cursor: string | null };

/** The identifier of a run's action, whichever shape the answer gives it. */
export function runActionId(run: Pick<RunView, 'action'>): string {
  return typeof run.action === 'string' ? run.action : run.action.identifier;
}

/** The title of a run's action (as it was when the run was asked). */
export function runActionTitle(run: Pick<RunView, 'action' | 'action_title'>): string {
  if (run.action_title) return run.action_title;
  return typeof run.action === 'object' && run.action.title ? run.action.title : runActionId(run);
}

/** The run's entity as a link target (blueprint from the entity or the run), or null. */
export function runEntity(
  run: Pick<RunView, 'entity' | 'blueprint'>,
): { blueprint: string | null; identifier: string; title: string | null } | null {
  if (!run.entity) return null;
  if (typeof run.entity === 'string') return { blueprint: run.blueprint ?? null, identifier: run.entity, title: null };
  return { blueprint: run.entity.blueprint ?? run.blueprint ?? null, identifier: run.entity.identifier, title: run.entity.title ?? null };
}

/** Who asked, in words: a person's name or email, a key's name, an automation's identifier. */
export function requesterName(by: RequestedBy | null | undefined): string {
  if (!by) return 'unknown';
  if (by.type === 'user') return by.name || by.email;
  if (by.type === 'api_key') return `API key ${by.name}`;
  return `automation ${by.identifier}`;
}

export const TRIGGER_LABELS: Record<Trigger, string> = {
  create: 'Create an entity',
  'day-2': 'Day-2 on an entity',
  delete: 'Delete an entity',
};

/** Whether `me` (a person's id) asked for the run and the action does not let requesters decide on their own runs. */
export function awaitsSomeoneElse(run: RunView, me: string | null): boolean {
  return run.requested_by?.type === 'user' && run.requested_by.id === me && !run.self_approval;
}
