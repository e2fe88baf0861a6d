import type { ActionStep, ApprovalPolicy, StoredStep, Trigger, TriggerConfig } from './action-types';
import { maskSteps } from './seal-action-headers';

// The API's view of an action (API.md "Actions and runs"): snake_case, RFC 3339, and no secret:
// sealed header values show as `{"secret": true}`, the signing secret not at all (only the
// create's and rotate-secret's answers carry it, once).

export type ActionView = {
  identifier: string;
  title: string;
  description: string | null;
  icon: string | null;
  blueprint: string;
  trigger: Trigger;
  condition: Record<string, unknown> | null;
  user_inputs: Record<string, unknown>;
  steps: ActionStep[];
  approval: ApprovalPolicy | null;
  enabled: boolean;
  created_at: string;
  updated_at: string;
};

/** The `actions` row as Prisma reads it (the stored shape, secrets sealed). */
export type ActionRow = {
  teamId: string;
  id: string;
  blueprintId: string | null;
  identifier: string;
  title: string;
  description: string | null;
  icon: string | null;
  triggerType: string;
  triggerConfig: unknown;
  userInputs: unknown;
  steps: unknown;
  enabled: boolean;
  signingSecret: string | null;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function triggerConfigOf(row: Pick<ActionRow, 'triggerConfig'>): TriggerConfig {
  const config = (row.triggerConfig ?? {}) as Partial<TriggerConfig>;
  return { condition: config.condition ?? null, approval: config.approval ?? null };
}

export function toActionView(row: ActionRow): ActionView {
  const config = triggerConfigOf(row);
  return {
    identifier: row.identifier,
    title: row.title,
    description: row.description,
    icon: row.icon,
    blueprint: row.blueprintId ?? '',
    trigger: row.triggerType as Trigger,
    condition: config.condition as Record<string, unknown> | null,
    user_inputs: row.userInputs as Record<string, unknown>,
    steps: maskSteps(row.steps as StoredStep[]),
    approval: config.approval,
    enabled: row.enabled,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The body form of an action (what a PUT sends), which a PATCH merges into. */
export function bodyOf(view: ActionView) {
  const { identifier, title, description, icon, blueprint, trigger, condition, user_inputs, steps, approval, enabled } = view;
  return { identifier, title, description, icon, blueprint, trigger, condition, user_inputs, steps, approval, enabled };
}
