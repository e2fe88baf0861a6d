import { bodySchema } from '@/lib/http/request-body';
import type { PasswordChange } from './change-password';
import type { Registration } from './register-user';

export const registerBody = bodySchema<Registration>({
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password', 'name'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 255 },
    password: { type: 'string', minLength: 8, maxLength: 200 },
    name: { type: 'string', minLength: 1, maxLength: 100 },
  },
});

export const loginBody = bodySchema<{ email: string; password: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: { email: { type: 'string', maxLength: 255 }, password: { type: 'string', maxLength: 200 } },
});

export const changePasswordBody = bodySchema<PasswordChange>({
  type: 'object',
  additionalProperties: false,
  required: ['current_password', 'new_password'],
  properties: {
    current_password: { type: 'string', maxLength: 200 },
    new_password: { type: 'string', minLength: 8, maxLength: 200 },
  },
});
