import { getDb } from '@/lib/db/prisma';
import { deleteGroupMapping } from '@/lib/group-mappings/group-mapping-service';
import { uuidParam } from '@/lib/http/pagination';
import { withTeam } from '@/lib/http/route';

// DELETE /api/v1/teams/{team}/group-mappings/{mapping} - delete a group mapping (its members leave at their next sign-in)
export const DELETE = withTeam({}, async (ctx, { params }) => {
  await deleteGroupMapping(getDb(), ctx, uuidParam(params.mapping, 'group mapping'));
  return { status: 204, body: null };
});
