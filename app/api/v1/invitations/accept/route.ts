import { getDb } from '@/lib/db/prisma';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { acceptInvitationBody } from '@/lib/invitations/schemas';
import { withUser } from '@/lib/http/route';

// POST /api/v1/invitations/accept - join the team of an invitation link, as the person it was sent to
export const POST = withUser({ body: acceptInvitationBody }, async (ctx, { body }) => ({
  body: await acceptInvitation(getDb(), ctx, body.token),
}));
