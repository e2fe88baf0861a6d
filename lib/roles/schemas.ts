import { ALL_PERMISSIONS, type Permission } from '@/lib/authz/permissions';
import { bodySchema } from '@/lib/http/request-body';

export const permissionList = {
  type: 'array',
  uniqueItems: true,
  maxItems: ALL_PERMISSIONS.length,
  items: { type: 'string', enum: ALL_PERMISSIONS },
};
const name = { type: 'string', minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9][A-Za-z0-9 _.-]*$' };
const description = { type: ['string', 'null'], maxLength: 255 };

export const createRoleBody = bodySchema<{ name: string; description?: string; permissions: Permission[] }>({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'permissions'],
  properties: { name, description, permissions: permissionList },
});

export const updateRoleBody = bodySchema<{ name?: string; description?: string | null; permissions?: Permission[] }>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name, description, permissions: permissionList },
});
