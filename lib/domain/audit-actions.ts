// Every action the audit log records, by the resource it is about. The services write them
// (lib/audit/write-audit.ts takes only these, so a new action cannot be written without being
// listed here), and the audit page's filters list them: a new action cannot be missing there.
// Isomorphic: no server import.

export const AUDIT_RESOURCES = [
  { type: 'team', label: 'Team', group: 'Team', actions: ['team.created', 'team.updated'] },
  { type: 'member', label: 'Member', group: 'Members', actions: ['member.added', 'member.role_changed', 'member.removed'] },
  {
    type: 'invitation',
    label: 'Invitation',
    group: 'Invitations',
    actions: ['invitation.created', 'invitation.revoked', 'invitation.accepted'],
  },
  { type: 'role', label: 'Role', group: 'Roles', actions: ['role.created', 'role.updated', 'role.deleted'] },
  {
    type: 'group_mapping',
    label: 'Group mapping',
    group: 'Members',
    actions: ['group_mapping.created', 'group_mapping.deleted'],
  },
  {
    type: 'group',
    label: 'Group',
    group: 'Groups',
    actions: ['group.created', 'group.updated', 'group.deleted', 'group.member_added', 'group.member_removed'],
  },
  { type: 'api_key', label: 'API key', group: 'API keys', actions: ['api_key.created', 'api_key.revoked'] },
  { type: 'blueprint', label: 'Blueprint', group: 'Blueprints', actions: ['blueprint.created', 'blueprint.updated', 'blueprint.deleted'] },
  {
    type: 'entity',
    label: 'Entity',
    group: 'Entities',
    actions: ['entity.created', 'entity.updated', 'entity.restored', 'entity.deleted'],
  },
  { type: 'scorecard', label: 'Scorecard', group: 'Scorecards', actions: ['scorecard.created', 'scorecard.updated', 'scorecard.deleted'] },
  { type: 'view', label: 'Saved view', group: 'Saved views', actions: ['view.created', 'view.updated', 'view.deleted'] },
  {
    type: 'action',
    label: 'Action',
    group: 'Actions',
    actions: ['action.created', 'action.updated', 'action.deleted', 'action.secret_rotated'],
  },
  {
    type: 'automation',
    label: 'Automation',
    group: 'Automations',
    actions: ['automation.created', 'automation.updated', 'automation.deleted'],
  },
  {
    type: 'integration',
    label: 'Integration',
    group: 'Integrations',
    actions: ['integration.created', 'integration.updated', 'integration.deleted', 'integration.secret_rotated'],
  },
  {
    type: 'run',
    label: 'Action run',
    group: 'Action runs',
    actions: ['run.requested', 'run.approved', 'run.rejected', 'run.cancelled', 'run.reported', 'run.refused'],
  },
] as const;

export type AuditResourceType = (typeof AUDIT_RESOURCES)[number]['type'];
export type AuditAction = (typeof AUDIT_RESOURCES)[number]['actions'][number];

export const AUDIT_ACTIONS: readonly AuditAction[] = AUDIT_RESOURCES.flatMap((r) => r.actions);

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
