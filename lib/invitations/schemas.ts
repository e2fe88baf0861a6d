import { bodySchema } from '@/lib/http/request-body';

// Request bodies of the invitation routes; the members page's invite form sends the same shape.

/** How long a link stays usable: 7 days unless asked, never more than 30 (migration 0028 checks it too). */
export const INVITATION_DAYS = { default: 7, max: 30 } as const;

export type CreateInvitationInput = { email: string; role: string; expires_in_days?: number };

export const createInvitationBody = bodySchema<CreateInvitationInput>({
  type: 'object',
  additionalProperties: false,
  required: ['email', 'role'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 255 },
    role: { type: 'string', minLength: 1, maxLength: 50 },
    expires_in_days: { type: 'integer', minimum: 1, maximum: INVITATION_DAYS.max },
  },
});

export const acceptInvitationBody = bodySchema<{ token: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: 200 } },
});
