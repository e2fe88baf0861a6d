import { getDb } from '@/lib/db/prisma';
import { createGroupMapping, listGroupMappings } from '@/lib/group-mappings/group-mapping-service';
import { createGroupMappingBody } from '@/lib/group-mappings/schemas';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/group-mappings - the team's single sign-on group -> role mappings
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, []);
  return { body: await listGroupMappings(getDb(), ctx) };
});

// POST /api/v1/teams/{team}/group-mappings - map an identity provider group to one of the team's roles
export const POST = withTeam({ body: createGroupMappingBody }, async (ctx, { body }) => ({
  status: 201,
  body: await createGroupMapping(getDb(), ctx, body),
}));
