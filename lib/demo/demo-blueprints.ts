// The demo team's blueprints: realistic schemas with enums, numbers, dates, arrays and a nested
// object, so the first screen of a new Baseplate shows a real catalog.

export const DEMO_BLUEPRINTS = [
  {
    id: 'service',
    title: 'Service',
    icon: '🧩',
    description: 'A deployable unit of software owned by a team.',
    schema: {
      type: 'object',
      properties: {
        description: { type: 'string', title: 'Description', format: 'markdown' },
        language: {
          type: 'string',
          title: 'Language',
          enum: ['TypeScript', 'Go', 'Python', 'Java', 'Rust', 'Kotlin'],
        },
        lifecycle: { type: 'string', title: 'Lifecycle', enum: ['experimental', 'production', 'deprecated'] },
        tier: { type: 'integer', title: 'Tier', description: '1 is business-critical', minimum: 1, maximum: 4 },
        version: { type: 'string', title: 'Version', format: 'semver' },
        repository: { type: 'string', title: 'Repository', format: 'uri' },
        owner_email: { type: 'string', title: 'Owner email', format: 'email' },
        uptime_slo: { type: 'number', title: 'Uptime SLO (%)', minimum: 90, maximum: 100 },
        public: { type: 'boolean', title: 'Internet-facing', default: false },
        tags: { type: 'array', title: 'Tags', items: { type: 'string' }, maxItems: 10 },
        dependencies: { type: 'array', title: 'Dependencies', items: { type: 'string' } },
        last_deployed_at: { type: 'string', title: 'Last deployed', format: 'date-time' },
        metadata: {
          type: 'object',
          title: 'Metadata',
          properties: {
            environment: { type: 'string', title: 'Environment', enum: ['production', 'staging', 'development'] },
            region: { type: 'string', title: 'Region' },
            cost_center: { type: 'string', title: 'Cost center', pattern: '^CC-[0-9]{4}$' },
          },
        },
      },
      required: ['language', 'lifecycle', 'owner_email'],
    },
  },
  {
    id: 'database',
    title: 'Database',
    icon: '🗄️',
    description: 'A managed data store.',
    schema: {
      type: 'object',
      properties: {
        engine: { type: 'string', title: 'Engine', enum: ['postgres', 'mysql', 'redis', 'mongodb'] },
        version: { type: 'string', title: 'Engine version' },
        size_gb: { type: 'number', title: 'Size (GB)', minimum: 0 },
        replicas: { type: 'integer', title: 'Replicas', minimum: 0, maximum: 9 },
        backup_enabled: { type: 'boolean', title: 'Backups enabled', default: true },
        created_on: { type: 'string', title: 'Created on', format: 'date' },
        maintenance_window: {
          type: 'object',
          title: 'Maintenance window',
          properties: {
            day: { type: 'string', enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
            hour_utc: { type: 'integer', minimum: 0, maximum: 23 },
          },
        },
      },
      required: ['engine'],
    },
  },
  {
    id: 'cluster',
    title: 'Cluster',
    icon: '☸️',
    description: 'A Kubernetes cluster that services run on.',
    schema: {
      type: 'object',
      properties: {
        provider: { type: 'string', title: 'Provider', enum: ['aws', 'gcp', 'azure', 'on-prem'] },
        region: { type: 'string', title: 'Region' },
        environment: { type: 'string', title: 'Environment', enum: ['production', 'staging', 'development'] },
        kubernetes_version: { type: 'string', title: 'Kubernetes version', format: 'semver' },
        node_count: { type: 'integer', title: 'Nodes', minimum: 1 },
        autoscaling: {
          type: 'object',
          title: 'Autoscaling',
          properties: {
            enabled: { type: 'boolean' },
            min_nodes: { type: 'integer', minimum: 1 },
            max_nodes: { type: 'integer', minimum: 1 },
          },
        },
        created_on: { type: 'string', title: 'Created on', format: 'date' },
      },
      required: ['provider', 'region', 'environment'],
    },
  },
] as const;
