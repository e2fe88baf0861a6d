import { getDb } from '@/lib/db/prisma';
import { invitationUrl } from '@/lib/invitations/invitation-url';
import { createInvitation, listInvitations } from '@/lib/invitations/invitation-service';
import { createInvitationBody } from '@/lib/invitations/schemas';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/invitations - the team's pending invitations, oldest first
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listInvitations(getDb(), ctx, parsePageParams(url, { limit: 50, max: 100 })) };
});

// POST /api/v1/teams/{team}/invitations - invite an email with a role; answers the link once
export const POST = withTeam({ body: createInvitationBody }, async (ctx, { request, body }) => {
  const { invitation, token } = await createInvitation(getDb(), ctx, body);
  return { status: 201, body: { invitation, token, url: invitationUrl(request, token) } };
});
