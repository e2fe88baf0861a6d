import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The caller's team and role in one statement per request: teams by slug (unique index), then the
// membership by (team_id, user_id) (unique index) and its role by primary key. For an API key the
// membership is its creator's, and may be missing (the creator left): hence the LEFT JOINs.

export type TeamRoleRow = {
  id: string;
  slug: string;
  name: string;
  role_id: string | null;
  role_name: string | null;
  role_permissions: unknown;
};

export const teamWithRoleSql = (slug: string, userId: string | null) => Prisma.sql`
  SELECT t.id, t.slug, t.name, r.id AS role_id, r.name AS role_name, r.permissions AS role_permissions
  FROM teams t
  LEFT JOIN team_memberships m ON m.team_id = t.id AND m.user_id = ${userId}::uuid
  LEFT JOIN roles r ON r.team_id = m.team_id AND r.id = m.role_id
  WHERE t.slug = ${slug}`;

export const teamRoleRow = rowDecoderFor<TeamRoleRow>()({
  id: 'text',
  slug: 'text',
  name: 'text',
  role_id: 'text?',
  role_name: 'text?',
  role_permissions: 'json',
});
