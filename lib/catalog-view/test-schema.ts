// A blueprint schema with one property of every kind, shared by the catalog-view unit tests.
export const SERVICE_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['active', 'deprecated', 'retired'], title: 'Status' },
    replicas: { type: 'integer', title: 'Replicas' },
    cost: { type: 'number' },
    public: { type: 'boolean' },
    owner: { type: 'string' },
    released: { type: 'string', format: 'date' },
    deployed_at: { type: 'string', format: 'date-time' },
    version: { type: 'string', format: 'semver' },
    tags: { type: 'array', items: { type: 'string' } },
    ports: { type: 'array', items: { type: 'object' } },
    metadata: { type: 'object', properties: { environment: { type: 'string', title: 'Environment' } } },
  },
};
