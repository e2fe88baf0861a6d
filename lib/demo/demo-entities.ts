// About a hundred demo entities, generated from word lists with a seeded PRNG so every new
// Baseplate shows the same catalog.

type DemoEntity = {
  blueprintId: string;
  identifier: string;
  title: string;
  data: Record<string, unknown>;
  createdAt?: Date;
  updatedAt?: Date;
};
export type DemoLink = { relation: 'runs_on' | 'uses' | 'calls'; source: string; target: string };

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = [
  'checkout',
  'payments',
  'search',
  'catalog',
  'identity',
  'billing',
  'shipping',
  'inventory',
  'notifications',
  'pricing',
  'reviews',
  'recommendations',
  'analytics',
  'gateway',
  'ledger',
];
const KINDS = ['api', 'worker', 'web', 'cron'];
const TEAMS = ['platform', 'commerce', 'growth', 'core', 'data'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];

export function buildDemoCatalog(): { entities: DemoEntity[]; links: DemoLink[] } {
  const rnd = prng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const day = (offsetDays: number) => new Date(Date.UTC(2026, 10, 1) - offsetDays * 86_400_000);
  const entities: DemoEntity[] = [];
  const links: DemoLink[] = [];

  const clusters: string[] = [];
  for (const env of ['production', 'staging', 'development'] as const) {
    for (const region of REGIONS) {
      for (const provider of env === 'production' ? (['aws', 'gcp'] as const) : (['aws'] as const)) {
        const identifier = `${provider}-${region}-${env}`;
        const nodes = env === 'production' ? 12 + Math.floor(rnd() * 40) : 3 + Math.floor(rnd() * 6);
        clusters.push(identifier);
        entities.push({
          blueprintId: 'cluster',
          identifier,
          title: `${provider.toUpperCase()} ${region} (${env})`,
          data: {
            provider,
            region,
            environment: env,
            kubernetes_version: pick(['1.29.4', '1.30.2', '1.31.0', '1.32.1']),
            node_count: nodes,
            autoscaling: { enabled: env !== 'development', min_nodes: Math.max(1, nodes - 4), max_nodes: nodes * 2 },
            created_on: day(200 + Math.floor(rnd() * 600))
              .toISOString()
              .slice(0, 10),
          },
        });
      }
    }
  }

  const databases: string[] = [];
  for (const domain of DOMAINS.slice(0, 13)) {
    for (const engine of domain.length % 2 ? (['postgres', 'redis'] as const) : (['postgres'] as const)) {
      const identifier = `${domain}-${engine === 'postgres' ? 'db' : 'cache'}`;
      databases.push(identifier);
      entities.push({
        blueprintId: 'database',
        identifier,
        title: `${domain[0].toUpperCase()}${domain.slice(1)} ${engine === 'postgres' ? 'database' : 'cache'}`,
        data: {
          engine,
          version: engine === 'postgres' ? pick(['15.8', '16.4', '17.2']) : pick(['7.2.5', '7.4.1']),
          size_gb: Math.round(rnd() * 2000) / 10,
          replicas: Math.floor(rnd() * 3),
          backup_enabled: engine === 'postgres',
          created_on: day(100 + Math.floor(rnd() * 900))
            .toISOString()
            .slice(0, 10),
          maintenance_window: { day: pick(['sat', 'sun', 'tue']), hour_utc: Math.floor(rnd() * 6) },
        },
      });
    }
  }

  for (const domain of DOMAINS) {
    for (const kind of KINDS) {
      const identifier = `${domain}-${kind}`;
      const lifecycle = rnd() < 0.1 ? 'deprecated' : rnd() < 0.2 ? 'experimental' : 'production';
      const environment = lifecycle === 'experimental' ? 'staging' : 'production';
      const deps = databases.filter((d) => d.startsWith(domain));
      entities.push({
        blueprintId: 'service',
        identifier,
        title: `${domain[0].toUpperCase()}${domain.slice(1)} ${kind === 'api' ? 'API' : kind === 'cron' ? 'jobs' : kind}`,
        data: {
          description: `The **${domain}** ${kind}. Owned by the ${pick(TEAMS)} team.\n\nRunbook: see the repository's \`docs/\`.`,
          language: pick(['TypeScript', 'Go', 'Python', 'Java', 'Rust', 'Kotlin']),
          lifecycle,
          tier: 1 + Math.floor(rnd() * 4),
          version: `${1 + Math.floor(rnd() * 3)}.${Math.floor(rnd() * 12)}.${Math.floor(rnd() * 20)}`,
          repository: `https://git.example.com/acme/${identifier}`,
          owner_email: `${pick(TEAMS)}@example.com`,
          uptime_slo: pick([99, 99.5, 99.9, 99.95]),
          public: kind === 'web',
          tags: [domain, kind, ...(rnd() < 0.3 ? ['pci'] : [])],
          dependencies: deps,
          last_deployed_at: new Date(day(Math.floor(rnd() * 60)).getTime() + Math.floor(rnd() * 86_400_000)).toISOString(),
          metadata: { environment, region: pick(REGIONS), cost_center: `CC-${1000 + Math.floor(rnd() * 9000)}` },
        },
      });
      const cluster = clusters.find((c) => c.endsWith(environment) && c.includes(pick(REGIONS))) ?? clusters[0];
      links.push({ relation: 'runs_on', source: identifier, target: cluster });
      for (const db of deps) links.push({ relation: 'uses', source: identifier, target: db });
      // Service calls: a domain's worker, web and cron call its API; an API calls identity's
      // (the platform service everything leans on) and, now and then, a neighbour's: a few hops deep.
      if (kind !== 'api') links.push({ relation: 'calls', source: identifier, target: `${domain}-api` });
      else if (domain !== 'identity') {
        links.push({ relation: 'calls', source: identifier, target: 'identity-api' });
        const neighbour = DOMAINS[(DOMAINS.indexOf(domain) + 1) % DOMAINS.length];
        if (rnd() < 0.5 && neighbour !== 'identity') links.push({ relation: 'calls', source: identifier, target: `${neighbour}-api` });
      }
    }
  }
  // Spread creation over the last two years and updates over the last month, so lists and the
  // "recently updated" panel look like a living catalog.
  const now = Date.now();
  for (const e of entities) {
    const created = now - Math.floor(30 + rnd() * 700) * 86_400_000;
    e.createdAt = new Date(created);
    e.updatedAt = new Date(Math.max(created, now - Math.floor(rnd() * 30 * 86_400_000)));
  }
  return { entities, links };
}
