// A blueprint schema with one property of every type and format the entity form and pages handle:
// shared by the browser journey (e2e/entity-pages.spec.ts) and the form/server parity test.

export const EVERY_TYPE_SCHEMA = {
  type: 'object',
  required: ['version', 'owner', 'lifecycle'],
  properties: {
    name: { type: 'string', title: 'Display name', description: 'What people call it', maxLength: 40 },
    replicas: { type: 'integer', minimum: 1, maximum: 10, description: 'How many copies run' },
    cpu: { type: 'number', minimum: 0, title: 'CPU' },
    public: { type: 'boolean', description: 'Reachable from the internet' },
    lifecycle: { type: 'string', enum: ['experimental', 'production', 'deprecated'], default: 'experimental' },
    owner: { type: 'string', format: 'email', description: 'Who answers for it' },
    homepage: { type: 'string', format: 'url' },
    launched: { type: 'string', format: 'date' },
    last_deployed_at: { type: 'string', format: 'date-time' },
    version: { type: 'string', format: 'semver' },
    readme: { type: 'string', format: 'markdown' },
    tags: { type: 'array', items: { type: 'string', minLength: 2 }, maxItems: 5 },
    endpoints: {
      type: 'array',
      items: {
        type: 'object',
        title: 'Endpoint',
        required: ['url'],
        properties: { url: { type: 'string', format: 'url' }, port: { type: 'integer', minimum: 1, maximum: 65535 } },
      },
    },
    runtime: {
      type: 'object',
      description: 'Where and how it runs',
      required: ['language'],
      properties: {
        language: { type: 'string', enum: ['go', 'java', 'node', 'python'] },
        memory_mb: { type: 'integer', minimum: 64, title: 'Memory (MB)' },
      },
    },
  },
} as const;
