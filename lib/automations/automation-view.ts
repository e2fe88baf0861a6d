import type { AutomationEvent } from '@/lib/actions/action-types';

// The API's view of an automation (API.md "Automations"): snake_case, RFC 3339; `action` is the
// identifier of the action it runs.

export type AutomationView = {
  identifier: string;
  title: string;
  description: string | null;
  enabled: boolean;
  on: { event: AutomationEvent; blueprint: string | null; condition: Record<string, unknown> | null };
  action: string;
  inputs: Record<string, unknown> | string | null;
  created_at: string;
  updated_at: string;
};

/** The `automations` row as Prisma reads it, with the identifier of its action. */
export type AutomationRow = {
  id: string;
  identifier: string;
  title: string;
  description: string | null;
  enabled: boolean;
  event: string;
  blueprintId: string | null;
  condition: unknown;
  actionId: string;
  inputs: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  action: { identifier: string };
};

/** What every read of an automation row includes: its action's identifier. */
export const WITH_ACTION = { action: { select: { identifier: true } } } as const;

export function toAutomationView(row: AutomationRow): AutomationView {
  return {
    identifier: row.identifier,
    title: row.title,
    description: row.description,
    enabled: row.enabled,
    on: {
      event: row.event as AutomationEvent,
      blueprint: row.blueprintId,
      condition: (row.condition ?? null) as Record<string, unknown> | null,
    },
    action: row.action.identifier,
    inputs: (row.inputs ?? null) as AutomationView['inputs'],
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The body form of an automation (what a PUT sends), which a PATCH merges into. */
export function bodyOf(view: AutomationView) {
  const { identifier, title, description, enabled, on, action, inputs } = view;
  return { identifier, title, description, enabled, on, action, inputs };
}
