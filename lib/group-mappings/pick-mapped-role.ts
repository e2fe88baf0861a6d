// Which of a team's mapped roles a person gets when several of their groups are mapped in one
// team: the role with the most permissions (the widest the provider vouches for), then by name,
// so the choice never depends on the order the provider lists the groups in. Pure: unit-tested.

export type MappedRole = { id: string; name: string; permissions: unknown; group: string };

const permissionCount = (permissions: unknown) => (Array.isArray(permissions) ? permissions.length : 0);

export function pickMappedRole(candidates: readonly MappedRole[]): MappedRole | undefined {
  return [...candidates].sort(
    (a, b) =>
      permissionCount(b.permissions) - permissionCount(a.permissions) || a.name.localeCompare(b.name) || a.group.localeCompare(b.group),
  )[0];
}

/** The groups of an ID token's claim, as strings: a list, or one string; anything else is none. */
export function groupsFromClaim(value: unknown): string[] {
  const raw = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  // A provider that sends thousands of groups is bounded; names past the column's width map to nothing.
  const groups = raw.filter((g): g is string => typeof g === 'string' && g.length > 0 && g.length <= 255);
  return [...new Set(groups)].slice(0, 1000);
}
