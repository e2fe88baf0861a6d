import type { GroupMappingView } from '@/lib/group-mappings/group-mapping-service';
import { paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, noContent, operation } from './operation';
import { arrayOf, str, timestamp, uuid, view } from './view-schemas';

// Paths and schemas of a team's single sign-on group mappings (API.md "Group mappings",
// lib/group-mappings): a group claim value -> a team role, applied at each single sign-on.

export const groupMappingParameters = {
  MappingId: {
    name: 'mapping_id',
    in: 'path',
    required: true,
    description: "The mapping's id (UUID). Anything that is not a UUID, or another team's mapping, is 404.",
    schema: { type: 'string', format: 'uuid' },
  },
};

export const groupMappingSchemas: Record<string, JsonSchema> = {
  GroupMapping: view<GroupMappingView>("An identity provider group whose members get one of the team's roles at sign-in.", {
    id: uuid,
    group: { ...str, description: 'The value of the groups claim (OIDC_GROUPS_CLAIM), case-sensitive.' },
    role: view<GroupMappingView['role']>('The role the group gives.', { id: uuid, name: str }),
    created_at: timestamp,
  }),
  GroupMappingList: {
    type: 'object',
    required: ['group_mappings'],
    properties: { group_mappings: arrayOf(schemaRef('GroupMapping')) },
  },
};

const team = [paramRef('Team')];

const rules =
  'At each single sign-on, a person whose groups include a mapped group joins the team with its role (several: the role with the most ' +
  'permissions), a member the mappings brought in gets the role of their groups now, and leaves the team when none of their groups is ' +
  'mapped any more. Members added by hand (or whose role an admin changed) are never touched, and the last admin is never removed or demoted.';

export const groupMappingPaths = {
  '/api/v1/teams/{team}/group-mappings': {
    parameters: team,
    get: operation('get', {
      id: 'listGroupMappings',
      summary: "The team's single sign-on group mappings",
      description: rules,
      tag: 'Members',
      access: needs('team:manage'),
      responses: { 200: json('Every mapping, by group name.', 'GroupMappingList') },
    }),
    post: operation('post', {
      id: 'createGroupMapping',
      summary: "Map an identity provider group to one of the team's roles",
      description: `${rules} A role name the team lacks is 422; a group already mapped is 409 \`already_exists\`; past 200 mappings, 409 \`limit_reached\`.`,
      tag: 'Members',
      access: needs('team:manage'),
      body: 'CreateGroupMappingBody',
      responses: { 201: json('The new mapping.', 'GroupMapping') },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/group-mappings/{mapping_id}': {
    parameters: [...team, paramRef('MappingId')],
    delete: operation('delete', {
      id: 'deleteGroupMapping',
      summary: 'Delete a group mapping',
      description: 'The members it brought in leave (or get the role of their other mapped groups) at their next sign-in.',
      tag: 'Members',
      access: needs('team:manage'),
      responses: { 204: noContent('Deleted.') },
    }),
  },
};
