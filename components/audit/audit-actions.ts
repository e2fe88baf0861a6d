import type { BadgeTone } from '@/components/ui/badge';
import { AUDIT_RESOURCES } from '@/lib/domain/audit-actions';

// The audit page's lists come from the one list of actions the services write (lib/domain).

/** The actions, grouped by resource for the filter's select. */
export const AUDIT_ACTION_GROUPS = AUDIT_RESOURCES.map((r) => ({ label: r.group, actions: r.actions }));

export const RESOURCE_TYPES = AUDIT_RESOURCES.map((r) => ({ value: r.type, label: r.label }));

/** Green for what appeared, red for what went, indigo for a change. */
export function actionTone(action: string): BadgeTone {
  if (/\.(created|added)$/.test(action)) return 'emerald';
  if (/\.(deleted|removed|revoked)$/.test(action)) return 'red';
  return 'indigo';
}
