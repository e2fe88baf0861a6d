import { getDb } from '@/lib/db/prisma';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import { createRole, listRoles } from '@/lib/roles/role-service';
import { createRoleBody } from '@/lib/roles/schemas';

// GET /api/v1/teams/{team}/roles - the team's roles with their permissions and member counts
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listRoles(getDb(), ctx, parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/roles - create a custom role
export const POST = withTeam({ body: createRoleBody }, async (ctx, { body }) => ({
  status: 201,
  body: await createRole(getDb(), ctx, body),
}));
