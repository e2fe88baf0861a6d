import { DEFAULT_ROLES, PERMISSIONS } from '@/lib/authz/permissions';
import { withUser } from '@/lib/http/route';

// GET /api/v1/permissions - every permission (grouped by area, with what it grants) and the default roles
export const GET = withUser({}, async () => ({
  body: {
    permissions: Object.entries(PERMISSIONS).map(([name, p]) => ({ name, area: p.area, grants: p.grants })),
    default_roles: DEFAULT_ROLES,
  },
}));
