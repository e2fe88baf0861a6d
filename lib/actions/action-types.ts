// The shapes of actions, runs and automations (API.md "Actions and runs", "Automations"), as the
// API shows them and as the database keeps them (migrations-sql/0020). One file, so the action
// service (lib/actions), the runner (lib/runs) and the automations (lib/automations) agree.

export const TRIGGERS = ['create', 'day-2', 'delete'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const RUN_STATUSES = ['queued', 'waiting_approval', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

/** Limits of a webhook step (defaults and bounds). */
export const WEBHOOK_LIMITS = {
  defaultTimeoutMs: 10_000,
  maxTimeoutMs: 60_000,
  defaultRetries: 3,
  maxRetries: 10,
  defaultReportTimeoutS: 3600,
  maxReportTimeoutS: 7 * 24 * 3600,
  /** The part of a response body kept in the run's log. */
  keptResponseChars: 4096,
};

export const AUTOMATION_EVENTS = ['entity.created', 'entity.updated', 'entity.deleted', 'scorecard.level_changed', 'run.finished'] as const;
export type AutomationEvent = (typeof AUTOMATION_EVENTS)[number];

/** How many automation-started runs may chain (a run whose change starts another automation...). */
export const AUTOMATION_MAX_DEPTH = 3;

/**
 * A header value: plain text (may hold templates), or a secret. In a request, `{"value": "...",
 * "secret": true}` sets a secret and `{"secret": true}` keeps the stored one; answers always show
 * `{"secret": true}`. Stored sealed: `{"sealed": "v1:..."}` (lib/crypto/secret-box.ts, context
 * `action:<action id>:header`).
 */
export type HeaderInput = string | { secret: true; value?: string };
export type StoredHeader = string | { sealed: string };

export type WebhookStep<Header = HeaderInput> = {
  type: 'webhook';
  method: WebhookMethod;
  url: string;
  headers?: Record<string, Header>;
  body?: unknown;
  timeout_ms?: number;
  retries?: number;
  wait_for_report?: boolean;
  report_timeout_s?: number;
};
export type UpsertEntityStep = {
  type: 'upsert-entity';
  blueprint: string;
  identifier: string;
  title?: string;
  data?: unknown;
  relations?: unknown;
};
export type DeleteEntityStep = { type: 'delete-entity'; blueprint: string; identifier: string };
export type ApprovalStep = { type: 'approval' };

export type ActionStep<Header = HeaderInput> = WebhookStep<Header> | UpsertEntityStep | DeleteEntityStep | ApprovalStep;
/** A step as `actions.steps` and `action_runs.action_snapshot` keep it (secret headers sealed). */
export type StoredStep = ActionStep<StoredHeader>;

export type ApprovalPolicy = { required: boolean; allow_self: boolean };

/** `actions.trigger_config`. */
export type TriggerConfig = { condition: object | null; approval: ApprovalPolicy | null };

/** `action_runs.action_snapshot`: what the run executes, fixed when it was asked. */
export type ActionSnapshot = {
  identifier: string;
  title: string;
  trigger: Trigger;
  blueprint: string;
  steps: StoredStep[];
  approval: ApprovalPolicy | null;
};

/** `action_runs.requested_by`. */
export type RequestedBy =
  | { type: 'user'; id: string; email: string; name: string | null }
  | { type: 'api_key'; id: string; name: string }
  | { type: 'automation'; id: string; identifier: string };

/** One entry of `action_runs.step_results`, as GET .../runs/{run} shows it. */
export type StepResult = {
  type: ActionStep['type'];
  status: 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
  started_at: string | null;
  finished_at: string | null;
  attempts?: number;
  output?: unknown;
};

/** The approval decision (`action_runs.approval`). */
export type ApprovalDecision = {
  decision: 'approve' | 'reject';
  by: RequestedBy;
  comment: string | null;
  at: string;
};
