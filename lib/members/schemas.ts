import { bodySchema } from '@/lib/http/request-body';

export const addMemberBody = bodySchema<{ email: string; role: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['email', 'role'],
  properties: { email: { type: 'string', format: 'email', maxLength: 255 }, role: { type: 'string', minLength: 1, maxLength: 50 } },
});

export const changeMemberBody = bodySchema<{ role: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: { role: { type: 'string', minLength: 1, maxLength: 50 } },
});
