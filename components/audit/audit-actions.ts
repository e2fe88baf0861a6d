import type { BadgeTone } from '@/components/ui/badge';

// The actions the audit log records, grouped for the filter's select, and the resource types.

export const AUDIT_ACTION_GROUPS = [
  { label: 'Team', actions: ['team.created', 'team.updated'] },
  { label: 'Members', actions: ['member.added', 'member.role_changed', 'member.removed'] },
  { label: 'Roles', actions: ['role.created', 'role.updated', 'role.deleted'] },
  { label: 'API keys', actions: ['api_key.created', 'api_key.revoked'] },
] as const;

export const RESOURCE_TYPES = [
  { value: 'team', label: 'Team' },
  { value: 'member', label: 'Member' },
  { value: 'role', label: 'Role' },
  { value: 'api_key', label: 'API key' },
] as const;

/** Green for what appeared, red for what went, indigo for a change. */
export function actionTone(action: string): BadgeTone {
  if (/\.(created|added)$/.test(action)) return 'emerald';
  if (/\.(deleted|removed|revoked)$/.test(action)) return 'red';
  return 'indigo';
}
