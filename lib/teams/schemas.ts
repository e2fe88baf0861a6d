import { bodySchema } from '@/lib/http/request-body';

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

const name = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' };
const slug = { type: 'string', minLength: 1, maxLength: 50, pattern: SLUG_PATTERN };

export const createTeamBody = bodySchema<{ name: string; slug: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'slug'],
  properties: { name, slug },
});

export const updateTeamBody = bodySchema<{ name?: string; slug?: string }>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name, slug },
});
