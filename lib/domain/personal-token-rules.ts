import { DEFAULT_ROLES, type Permission } from '@/lib/authz/permissions';

// What a personal access token may be made with, for the server's check and the profile page's
// form alike (isomorphic: no server-only import). The API takes any permission list; the form
// offers the three default roles' lists as levels.

/** A token always ends: between 1 and 365 days after it is made. */
export const PERSONAL_TOKEN_MAX_DAYS = 365;
export const PERSONAL_TOKEN_EXPIRY_CHOICES = [7, 30, 90, 365] as const;
/** At most this many teams per token, and unrevoked, unexpired tokens per person. */
export const PERSONAL_TOKEN_MAX_TEAMS = 50;
export const PERSONAL_TOKENS_PER_PERSON = 50;

export type PersonalTokenLevel = 'viewer' | 'editor' | 'admin';

export const PERSONAL_TOKEN_LEVELS: ReadonlyArray<{ level: PersonalTokenLevel; label: string; permissions: Permission[] }> = [
  { level: 'viewer', label: 'Read only (viewer)', permissions: roleList('viewer') },
  { level: 'editor', label: 'Read and write (editor)', permissions: roleList('editor') },
  { level: 'admin', label: 'Everything my role allows (admin)', permissions: roleList('admin') },
];

function roleList(name: string): Permission[] {
  return [...(DEFAULT_ROLES.find((r) => r.name === name)?.permissions ?? [])];
}

export type CreatePersonalToken = { name: string; team_ids: string[]; permissions: Permission[]; expires_in_days: number };
