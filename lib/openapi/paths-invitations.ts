import { INVITATION_TOKEN_PATTERN } from '@/lib/auth/secrets';
import type { InvitationView } from '@/lib/invitations/invitation-view';
import { MAX_PENDING_INVITATIONS } from '@/lib/invitations/invitation-service';
import { paramRef, schemaRef } from './components';
import { SIGNED_IN, json, needs, noContent, operation } from './operation';
import { nullable, pageOf, str, timestamp, uuid, view } from './view-schemas';

// Paths of the invitation routes (API.md "Invitations"): a team admin invites an email with a
// role; the person opens the link (or posts its token) to join.

const team = [paramRef('Team')];

type InvitationCreated = { invitation: InvitationView; token: string; url: string };
type InvitationAccepted = { team: { slug: string; name: string }; role: string };

export const invitationParameters = {
  InvitationId: {
    name: 'invitation_id',
    in: 'path',
    required: true,
    description: "The invitation's id (UUID). Anything that is not a UUID is 404.",
    schema: { type: 'string', format: 'uuid' },
  },
};

export const invitationSchemas = {
  Invitation: view<InvitationView>('An invitation to join the team (never its link).', {
    id: uuid,
    email: { type: 'string', format: 'email', description: 'Trimmed and lower-cased.' },
    role: view<InvitationView['role']>('The role the person joins with.', { id: uuid, name: str }),
    invited_by: {
      oneOf: [
        view<NonNullable<InvitationView['invited_by']>>('Who sent it.', { id: uuid, name: nullable(str), email: str }),
        { type: 'null' },
      ],
    },
    created_at: timestamp,
    expires_at: timestamp,
    status: { type: 'string', enum: ['pending', 'accepted', 'revoked', 'expired'] },
  }),
  InvitationCreated: view<InvitationCreated>('A new invitation: `token` and `url` are in this answer only and never shown again.', {
    invitation: schemaRef('Invitation'),
    token: { ...str, pattern: INVITATION_TOKEN_PATTERN.source },
    url: { ...str, format: 'uri', description: 'The link to send: `<this server>/invite/<token>`.' },
  }),
  InvitationAccepted: view<InvitationAccepted>('The team joined, and the role held there.', {
    team: view<InvitationAccepted['team']>('The team.', { slug: str, name: str }),
    role: str,
  }),
};

export const invitationPaths = {
  '/api/v1/teams/{team}/invitations': {
    parameters: team,
    get: operation('get', {
      id: 'listInvitations',
      summary: "The team's pending invitations (not accepted, revoked or expired)",
      tag: 'Invitations',
      access: needs('team:manage'),
      query: [
        paramRef('Cursor'),
        {
          name: 'limit',
          in: 'query',
          description: 'Page size, 1..100 (default 50).',
          schema: { type: 'integer', minimum: 1, maximum: 100 },
        },
      ],
      responses: { 200: json('A page of pending invitations, oldest first.', pageOf('invitations', 'Invitation')) },
    }),
    post: operation('post', {
      id: 'createInvitation',
      summary: 'Invite an email with a role',
      description:
        'The link is in this answer only; it works once, for that email, until it expires (`expires_in_days`, 7 by default, 30 at most) or is revoked. ' +
        'Only people invite (a key is 403); a role granting a permission the inviter lacks is 403 (`details.reason` `role_above_inviter`); ' +
        'an unknown role is 422; an email of a member is 409 `already_member`; one with a pending invitation is 409 `already_invited`; ' +
        `a team holding ${MAX_PENDING_INVITATIONS} pending invitations is 409 \`pending_limit\`.`,
      tag: 'Invitations',
      access: needs('team:manage'),
      body: 'CreateInvitationBody',
      responses: { 201: json('The invitation and its link.', 'InvitationCreated') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/invitations/{invitation_id}': {
    parameters: [...team, paramRef('InvitationId')],
    delete: operation('delete', {
      id: 'revokeInvitation',
      summary: 'Revoke an invitation',
      description: 'At once: its link is refused from then on. One already accepted or revoked is 409 (`details.reason` `not_pending`).',
      tag: 'Invitations',
      access: needs('team:manage'),
      responses: { 204: noContent('Revoked.') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/invitations/accept': {
    post: operation('post', {
      id: 'acceptInvitation',
      summary: 'Join a team through an invitation',
      description:
        'As the signed-in person the invitation was sent to (an API key is 403). A token that is no invitation is 404 ' +
        '(`details.reason` `invitation_unknown`); a used, revoked or expired one is 409 (`invitation_used`, `invitation_revoked`, ' +
        '`invitation_expired`); another email is 403 `wrong_email`; a member already is 409 `already_member` (the invitation stays pending). ' +
        'Of two uses at once, one joins and the other gets `invitation_used`.',
      tag: 'Invitations',
      access: SIGNED_IN,
      body: 'AcceptInvitationBody',
      responses: { 200: json('Joined.', 'InvitationAccepted') },
      errors: ['not_found', 'conflict'],
    }),
  },
};
