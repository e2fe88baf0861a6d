import { bodySchema } from '@/lib/http/request-body';
import { permissionList } from '@/lib/roles/schemas';
import type { PasswordChange } from './change-password';
import { PERSONAL_TOKEN_MAX_DAYS, PERSONAL_TOKEN_MAX_TEAMS, type CreatePersonalToken } from '@/lib/domain/personal-token-rules';
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

export const updateProfileBody = bodySchema<{ name: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } },
});

export const createPersonalTokenBody = bodySchema<CreatePersonalToken>({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'team_ids', 'permissions', 'expires_in_days'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    team_ids: {
      type: 'array',
      minItems: 1,
      maxItems: PERSONAL_TOKEN_MAX_TEAMS,
      uniqueItems: true,
      items: { type: 'string', format: 'uuid' },
    },
    permissions: { ...permissionList, minItems: 1 },
    expires_in_days: { type: 'integer', minimum: 1, maximum: PERSONAL_TOKEN_MAX_DAYS },
  },
});
