import { getDb } from '@/lib/db/prisma';
import { revokeInvitation } from '@/lib/invitations/invitation-service';
import { uuidParam } from '@/lib/http/pagination';
import { withTeam } from '@/lib/http/route';

// DELETE /api/v1/teams/{team}/invitations/{invitation_id} - revoke a pending invitation (its link stops working)
export const DELETE = withTeam({}, async (ctx, { params }) => {
  await revokeInvitation(getDb(), ctx, uuidParam(params.invitationId, 'invitation'));
  return { status: 204, body: null };
});
