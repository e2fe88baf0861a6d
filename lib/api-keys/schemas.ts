import type { Permission } from '@/lib/authz/permissions';
import { bodySchema } from '@/lib/http/request-body';
import { permissionList } from '@/lib/roles/schemas';

export const createApiKeyBody = bodySchema<{ name: string; permissions: Permission[]; expires_at?: string | null }>({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'permissions'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    permissions: { ...permissionList, minItems: 1 },
    expires_at: { type: ['string', 'null'], format: 'date-time' },
  },
});
