import { bodySchema } from '@/lib/http/request-body';

export type GroupMappingInput = { group: string; role: string };

// POST /api/v1/teams/{team}/group-mappings: a group claim value (as the provider sends it,
// case-sensitive) and the name of one of the team's roles.
export const createGroupMappingBody = bodySchema<GroupMappingInput>({
  type: 'object',
  additionalProperties: false,
  required: ['group', 'role'],
  properties: {
    group: { type: 'string', minLength: 1, maxLength: 255, pattern: '\\S' },
    role: { type: 'string', minLength: 1, maxLength: 50 },
  },
});
