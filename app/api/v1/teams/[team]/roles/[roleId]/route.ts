import { getDb } from '@/lib/db/prisma';
import { uuidParam } from '@/lib/http/pagination';
import { withTeam } from '@/lib/http/route';
import { deleteRole, updateRole } from '@/lib/roles/role-service';
import { updateRoleBody } from '@/lib/roles/schemas';

// PATCH /api/v1/teams/{team}/roles/{role_id} - edit a custom role
export const PATCH = withTeam({ body: updateRoleBody }, async (ctx, { params, body }) => ({
  body: await updateRole(getDb(), ctx, uuidParam(params.roleId, 'role'), body),
}));

// DELETE /api/v1/teams/{team}/roles/{role_id} - delete a custom role nobody holds
export const DELETE = withTeam({}, async (ctx, { params }) => {
  await deleteRole(getDb(), ctx, uuidParam(params.roleId, 'role'));
  return { status: 204, body: null };
});
