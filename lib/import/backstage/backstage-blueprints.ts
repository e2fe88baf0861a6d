import type { CreateBlueprintInput } from '@/lib/blueprints/schemas';
import type { RelationSpec } from '@/lib/relations/relation-types';

// The blueprints a Backstage catalog becomes: one per kind, with Backstage's own field names (a
// Backstage user finds `spec.lifecycle` as `lifecycle` and `spec.dependsOn` as `dependsOn`).
//
// A Baseplate relation has one target blueprint; three Backstage fields may point at two kinds:
//  - `spec.owner` is a Group or a User. It becomes two to-one relations, `owner` (-> group) and
//    `ownerUser` (-> user), at most one of them set, plus the `ownerRef` property that always holds
//    the full ref (`group:default/payments`) so a table, a search and a scorecard rule can use one
//    column whatever the owner's kind. Two relations keep both kinds drawn in the graph, which a
//    `group` relation plus a text field for users would not.
//  - `spec.dependsOn` (components and resources) holds any kind; the two that Backstage documents,
//    Component and Resource, become `dependsOn` (-> component) and `dependsOnResources` (-> resource).
// Nothing is `required`: Backstage itself accepts (and shows) entities without, say, a lifecycle,
// and an import should not refuse what the catalog it comes from holds.

// In the order to create them: each after the targets of its relations, but for component <-> resource
// (a resource may depend on a component): create them all, then their relations.
export const BACKSTAGE_KINDS = ['group', 'user', 'domain', 'system', 'api', 'component', 'resource'] as const;
export type BackstageKind = (typeof BACKSTAGE_KINDS)[number];

/** A blueprint's create body (POST /api/v1/teams/{team}/blueprints), as lib/blueprints accepts it. */
export type BlueprintDefinition = CreateBlueprintInput;

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const text = (title: string, description?: string) => ({ type: 'string', title, ...(description ? { description } : {}) });
const stringMap = (title: string) => ({ type: 'object', title, additionalProperties: { type: 'string' } });

const COMMON = {
  namespace: text('Namespace', 'Backstage metadata.namespace'),
  description: { type: 'string', title: 'Description', format: 'markdown' },
  tags: { type: 'array', title: 'Tags', items: { type: 'string' } },
  links: {
    type: 'array',
    title: 'Links',
    items: {
      type: 'object',
      required: ['url'],
      properties: { url: { type: 'string' }, title: { type: 'string' }, icon: { type: 'string' }, type: { type: 'string' } },
    },
  },
  labels: stringMap('Labels'),
  annotations: stringMap('Annotations'),
};
const TYPE = text('Type', 'Backstage spec.type');
const LIFECYCLE = text('Lifecycle', 'Backstage spec.lifecycle: experimental, production, deprecated...');
const OWNER_REF = text('Owner ref', 'Backstage spec.owner as a full ref: group:namespace/name or user:namespace/name');
const PROFILE = {
  displayName: text('Display name', 'Backstage spec.profile.displayName'),
  email: text('Email', 'Backstage spec.profile.email'),
  picture: text('Picture', 'Backstage spec.profile.picture (a URL)'),
};

const one = (target: BackstageKind, title: string): RelationSpec => ({ title, target, type: 'many-to-one' });
const many = (target: BackstageKind, title: string): RelationSpec => ({ title, target, type: 'many-to-many' });
const OWNERS = { owner: one('group', 'Owner (group)'), ownerUser: one('user', 'Owner (user)') };
const DEPENDS = { dependsOn: many('component', 'Depends on'), dependsOnResources: many('resource', 'Depends on resources') };

type KindSpec = {
  title: string;
  icon: string;
  description: string;
  properties: Record<string, unknown>;
  relations: Record<string, RelationSpec>;
};

const KINDS: Record<BackstageKind, KindSpec> = {
  domain: {
    title: 'Domain',
    icon: '🌐',
    description: 'A Backstage Domain: a business area grouping systems.',
    properties: { ownerRef: OWNER_REF },
    relations: { ...OWNERS, subdomainOf: one('domain', 'Subdomain of') },
  },
  system: {
    title: 'System',
    icon: '🏗️',
    description: 'A Backstage System: components, APIs and resources that work together.',
    properties: { ownerRef: OWNER_REF },
    relations: { ...OWNERS, domain: one('domain', 'Domain') },
  },
  component: {
    title: 'Component',
    icon: '🧩',
    description: 'A Backstage Component: a service, website, library or other piece of software.',
    properties: { type: TYPE, lifecycle: LIFECYCLE, ownerRef: OWNER_REF },
    relations: {
      ...OWNERS,
      system: one('system', 'System'),
      subcomponentOf: one('component', 'Subcomponent of'),
      providesApis: many('api', 'Provides APIs'),
      consumesApis: many('api', 'Consumes APIs'),
      ...DEPENDS,
    },
  },
  api: {
    title: 'API',
    icon: '🔌',
    description: 'A Backstage API: an interface a component provides.',
    properties: {
      type: TYPE,
      lifecycle: LIFECYCLE,
      ownerRef: OWNER_REF,
      definition: text('Definition', 'Backstage spec.definition: the OpenAPI, AsyncAPI, GraphQL or gRPC text'),
    },
    relations: { ...OWNERS, system: one('system', 'System') },
  },
  resource: {
    title: 'Resource',
    icon: '🗄️',
    description: 'A Backstage Resource: infrastructure a component needs (a database, a bucket, a queue).',
    properties: { type: TYPE, ownerRef: OWNER_REF },
    relations: { ...OWNERS, system: one('system', 'System'), ...DEPENDS },
  },
  group: {
    title: 'Group',
    icon: '👥',
    description: 'A Backstage Group: a team, department or other organisational unit.',
    properties: { type: TYPE, ...PROFILE },
    relations: { parent: one('group', 'Parent group') },
  },
  user: {
    title: 'User',
    icon: '👤',
    description: 'A Backstage User: a person.',
    properties: { ...PROFILE },
    relations: { memberOf: many('group', 'Member of') },
  },
};

/** The ids of the relations a kind's blueprint has (every record carries each of them). */
export function relationIdsOf(kind: BackstageKind): string[] {
  return Object.keys(KINDS[kind].relations);
}

/** The relation's type: to-one relations hold a string (or null), to-many an array. */
export function isToOne(kind: BackstageKind, relation: string): boolean {
  return KINDS[kind].relations[relation]?.type === 'many-to-one';
}

/**
 * The blueprint of one kind. `ids` maps kinds onto the team's blueprint ids (an import onto
 * existing blueprints named otherwise); relation targets follow the same map.
 */
export function backstageBlueprint(kind: BackstageKind, ids: Record<BackstageKind, string>): BlueprintDefinition {
  const spec = KINDS[kind];
  const relations: Record<string, RelationSpec> = {};
  for (const [id, relation] of Object.entries(spec.relations)) {
    relations[id] = { ...relation, target: ids[relation.target as BackstageKind] };
  }
  return {
    id: ids[kind],
    title: spec.title,
    description: spec.description,
    icon: spec.icon,
    schema: { $schema: DRAFT, type: 'object', properties: { ...COMMON, ...spec.properties } },
    relations,
  };
}
