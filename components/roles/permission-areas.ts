import { PERMISSIONS, type Permission } from '@/lib/authz/permissions';

// The permission table grouped by area, in the table's order (Team, Blueprints, Entities,
// Integrations, Scorecards, Actions): the picker's fieldsets and the roles matrix's columns.

export type Area = (typeof PERMISSIONS)[Permission]['area'];

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const AREAS: Area[] = [...new Set(ALL.map((p) => PERMISSIONS[p].area))];

export const PERMISSIONS_BY_AREA: Record<Area, Permission[]> = Object.fromEntries(
  AREAS.map((area) => [area, ALL.filter((p) => PERMISSIONS[p].area === area)]),
) as Record<Area, Permission[]>;

/** "entity:write" -> "write" */
export function verbOf(permission: string): string {
  return permission.slice(permission.indexOf(':') + 1);
}

/** What a permission grants, or nothing for a string the table does not know. */
export function grantsOf(permission: string): string | undefined {
  return Object.hasOwn(PERMISSIONS, permission) ? PERMISSIONS[permission as Permission].grants : undefined;
}
