import type { GroupMemberView } from '@/lib/groups/group-members';
import type { GroupView } from '@/lib/groups/group-service';
import { GROUP_IDENTIFIER, MAX_GROUP_MEMBERS } from '@/lib/groups/schemas';
import { paramRef, schemaRef, type JsonSchema } from './components';
import { json, member, needs, noContent, operation } from './operation';
import { arrayOf, int, nullable, pageOf, str, timestamp, uuid, view } from './view-schemas';

// Paths and schemas of the group routes (API.md "Groups", lib/groups): a team's groups of its
// members, which entities name as their `owners`.

const team = [paramRef('Team')];
const group = [...team, paramRef('GroupIdentifier')];

export const groupParameters = {
  GroupIdentifier: {
    name: 'group',
    in: 'path',
    required: true,
    description: "The group's identifier within the team. One that cannot exist, or another team's, is 404.",
    schema: { type: 'string', pattern: GROUP_IDENTIFIER },
  },
};

export const groupSchemas: Record<string, JsonSchema> = {
  Group: view<GroupView>("A team's group of people: what entities' `owners` name.", {
    id: uuid,
    identifier: { ...str, description: 'Unique in the team; fixed at creation (entities name it).' },
    title: str,
    description: nullable(str),
    member_count: int,
    created_at: timestamp,
    updated_at: timestamp,
  }),
  GroupMember: view<GroupMemberView>('A member of the team in a group.', {
    user_id: uuid,
    email: { type: 'string', format: 'email' },
    name: nullable(str),
    added_at: timestamp,
  }),
};

export const groupPaths = {
  '/api/v1/teams/{team}/groups': {
    parameters: team,
    get: operation('get', {
      id: 'listGroups',
      summary: "The team's groups with their member counts",
      tag: 'Groups',
      access: member(),
      query: [paramRef('Limit'), paramRef('Cursor')],
      responses: { 200: json('A page of groups, oldest first.', pageOf('groups', 'Group')) },
    }),
    post: operation('post', {
      id: 'createGroup',
      summary: 'Create a group',
      description: 'An identifier another group of the team has is 409 `already_exists`.',
      tag: 'Groups',
      access: needs('team:manage'),
      body: 'CreateGroupBody',
      responses: { 201: json('The new group.', 'Group') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/groups/{group}': {
    parameters: group,
    get: operation('get', {
      id: 'getGroup',
      summary: 'One group',
      tag: 'Groups',
      access: member(),
      responses: { 200: json('The group.', 'Group') },
    }),
    patch: operation('patch', {
      id: 'updateGroup',
      summary: "Edit a group's title or description",
      tag: 'Groups',
      access: needs('team:manage'),
      body: 'UpdateGroupBody',
      responses: { 200: json('The group as saved.', 'Group') },
    }),
    delete: operation('delete', {
      id: 'deleteGroup',
      summary: 'Delete a group',
      description: 'Its memberships go, and every entity it owned loses it from `owners` (a new version), in the same transaction.',
      tag: 'Groups',
      access: needs('team:manage'),
      responses: {
        200: json('Deleted, with how many entities it owned.', {
          type: 'object',
          required: ['owned_entities'],
          properties: { owned_entities: int },
        }),
      },
    }),
  },
  '/api/v1/teams/{team}/groups/{group}/members': {
    parameters: group,
    get: operation('get', {
      id: 'listGroupMembers',
      summary: 'The people of a group',
      description: `Every member (a group holds at most ${MAX_GROUP_MEMBERS}), by email.`,
      tag: 'Groups',
      access: member(),
      responses: {
        200: json('The members.', { type: 'object', required: ['members'], properties: { members: arrayOf(schemaRef('GroupMember')) } }),
      },
    }),
    post: operation('post', {
      id: 'addGroupMember',
      summary: 'Add a member of the team to the group',
      description:
        `Someone who is not a member of the team is 422 under \`/user_id\`; someone already in the group is 409 \`already_exists\`; a full group (${MAX_GROUP_MEMBERS}) 409 \`limit_reached\`. ` +
        'Removing a person from the team removes them from its groups.',
      tag: 'Groups',
      access: needs('team:manage'),
      body: 'AddGroupMemberBody',
      responses: { 201: json('The member as added.', 'GroupMember') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/groups/{group}/members/{user_id}': {
    parameters: [...group, paramRef('UserId')],
    delete: operation('delete', {
      id: 'removeGroupMember',
      summary: 'Take a person out of a group',
      description: 'Someone not in the group is 404.',
      tag: 'Groups',
      access: needs('team:manage'),
      responses: { 204: noContent('Removed.') },
    }),
  },
};
