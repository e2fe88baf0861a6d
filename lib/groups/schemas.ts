import { bodySchema } from '@/lib/http/request-body';
import { UUID_PATTERN } from '@/lib/domain/uuid';

// Request bodies of the group routes (API.md "Groups"). A group's identifier is what entities'
// `owners` name, so it is fixed at creation (renaming would have to rewrite every owner list).

export const GROUP_IDENTIFIER = '^[a-z0-9][a-z0-9_-]{0,49}$';
const GROUP_IDENTIFIER_RE = new RegExp(GROUP_IDENTIFIER);

export function isGroupIdentifier(value: string): boolean {
  return GROUP_IDENTIFIER_RE.test(value);
}

/** At most this many owners per entity (a CHECK on entities.owners, migration 0030). */
export const MAX_OWNERS = 20;
/** At most this many people in one group. */
export const MAX_GROUP_MEMBERS = 500;

export type CreateGroupInput = { identifier: string; title: string; description?: string | null };
export type UpdateGroupInput = { title?: string; description?: string | null };
export type AddGroupMemberInput = { user_id: string };

const identifier = { type: 'string', pattern: GROUP_IDENTIFIER };
const title = { type: 'string', minLength: 1, maxLength: 100 };
const description = { type: ['string', 'null'], maxLength: 255 };

export const createGroupBody = bodySchema<CreateGroupInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'title'],
  properties: { identifier, title, description },
});

export const updateGroupBody = bodySchema<UpdateGroupInput>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { title, description },
});

export const addGroupMemberBody = bodySchema<AddGroupMemberInput>({
  type: 'object',
  additionalProperties: false,
  required: ['user_id'],
  properties: { user_id: { type: 'string', pattern: UUID_PATTERN } },
});

/** An entity's `owners` in a request body: group identifiers, each once. */
export const ownersSchema = {
  type: 'array',
  maxItems: MAX_OWNERS,
  uniqueItems: true,
  description: "Identifiers of the team's groups that own the entity (at most 20).",
  items: { type: 'string', pattern: GROUP_IDENTIFIER },
};
