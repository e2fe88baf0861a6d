// Which roles an inviter may hand out: those granting nothing the inviter lacks. One rule for the
// service (which refuses the rest) and the invite form (which offers only these). Isomorphic.

/** The permissions of `granted` (a role's list) that `held` (the inviter's) does not include. */
export function permissionsBeyond(granted: unknown, held: Iterable<string>): string[] {
  const mine = new Set(held);
  return Array.isArray(granted) ? granted.filter((p): p is string => typeof p === 'string' && !mine.has(p)) : [];
}

export function grantableRoles<R extends { permissions: unknown }>(roles: readonly R[], held: Iterable<string>): R[] {
  const mine = [...held];
  return roles.filter((r) => permissionsBeyond(r.permissions, mine).length === 0);
}
