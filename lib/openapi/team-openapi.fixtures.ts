// Blueprint schemas for the team-document tests: everything a real blueprint uses (nested
// objects, arrays of objects, enums, formats, x- keywords, $defs referenced from several places,
// a recursive `#` reference), so the tests see what the typing does to each.

export const RICH_SERVICE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['name', 'lifecycle', 'owner'],
  properties: {
    name: { type: 'string', title: 'Name', minLength: 1, description: "The service's short name." },
    lifecycle: { type: 'string', title: 'Lifecycle', enum: ['experimental', 'production', 'deprecated'] },
    tier: { type: 'integer', title: 'Tier', minimum: 1, maximum: 4 },
    version: { type: 'string', format: 'semver' },
    repository: { type: 'string', format: 'uri', 'x-display': 'link' },
    owner: { $ref: '#/$defs/person' },
    on_call: { type: 'array', items: { $ref: '#/$defs/person' } },
    ports: {
      type: 'array',
      items: {
        type: 'object',
        required: ['port', 'protocol'],
        properties: { port: { type: 'integer', minimum: 1, maximum: 65535 }, protocol: { type: 'string', enum: ['tcp', 'udp'] } },
      },
    },
    metadata: {
      type: 'object',
      required: ['environment'],
      properties: {
        environment: { type: 'string', enum: ['production', 'staging', 'development'] },
        region: { type: 'string' },
      },
    },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 10 },
  },
  $defs: {
    person: {
      type: 'object',
      required: ['email', 'role'],
      properties: {
        email: { type: 'string', format: 'email' },
        role: { type: 'string', enum: ['lead', 'member'] },
        name: { type: 'string' },
      },
    },
  },
};

/** A tree: a component's children are components (`$ref: "#"`). */
export const RECURSIVE_SCHEMA = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: ['library', 'app'] }, children: { type: 'array', items: { $ref: '#' } } },
};
