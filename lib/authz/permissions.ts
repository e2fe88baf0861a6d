// Permissions are data: the whole list of API.md, grouped by area with a line on what each grants,
// and the default roles created with every team. Unknown permission strings are denied.

export const PERMISSIONS = {
  'team:manage': { area: 'Team', grants: 'Rename or delete the team; manage members, groups, roles, API keys; read the audit log' },
  'blueprint:read': { area: 'Blueprints', grants: 'See blueprints and their schemas' },
  'blueprint:write': { area: 'Blueprints', grants: 'Create and edit blueprints' },
  'blueprint:delete': { area: 'Blueprints', grants: 'Delete blueprints and, with them, their entities' },
  'entity:read': { area: 'Entities', grants: 'Browse and search the catalog' },
  'entity:write': { area: 'Entities', grants: 'Create and edit entities' },
  'entity:delete': { area: 'Entities', grants: 'Delete entities' },
  'integration:read': { area: 'Integrations', grants: 'See integrations and their mappings' },
  'integration:write': { area: 'Integrations', grants: 'Create, edit and run integrations' },
  'scorecard:read': { area: 'Scorecards', grants: 'See scorecards and scores' },
  'scorecard:write': { area: 'Scorecards', grants: 'Create and edit scorecards' },
  'action:read': { area: 'Actions', grants: 'See self-service actions and their runs' },
  'action:write': { area: 'Actions', grants: 'Create and edit actions' },
  'action:execute': { area: 'Actions', grants: 'Run actions' },
  'action:approve': { area: 'Actions', grants: 'Approve or reject runs that wait for an approval' },
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

const reads = ALL_PERMISSIONS.filter((p) => p.endsWith(':read'));
const writes = ALL_PERMISSIONS.filter((p) => p.endsWith(':write'));

/** admin = all (action:approve included); editor = every read and write plus action:execute; viewer = every read. */
export const DEFAULT_ROLES: ReadonlyArray<{ name: string; description: string; permissions: Permission[] }> = [
  { name: 'admin', description: 'Everything, including team management', permissions: ALL_PERMISSIONS },
  {
    name: 'editor',
    description: 'Read and write the catalog and run actions; no deletes, no team management',
    permissions: [...reads, ...writes, 'action:execute'],
  },
  { name: 'viewer', description: 'Read-only access', permissions: reads },
];
