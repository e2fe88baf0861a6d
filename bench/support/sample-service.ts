// Entity i of the `service` blueprint (the demo's schema), as the ingest benchmarks write it.

export function sampleService(i: number) {
  const domains = ['checkout', 'payments', 'search', 'catalog', 'identity', 'billing', 'shipping', 'inventory'];
  const domain = domains[i % domains.length];
  return {
    identifier: `svc-${i}`,
    title: `Service ${i}`,
    data: {
      description: `The **${domain}** service number ${i}.`,
      language: ['TypeScript', 'Go', 'Python', 'Java', 'Rust', 'Kotlin'][i % 6],
      lifecycle: ['experimental', 'production', 'deprecated'][i % 3],
      tier: 1 + (i % 4),
      version: `${1 + (i % 3)}.${i % 12}.${i % 20}`,
      repository: `https://git.example.com/acme/svc-${i}`,
      owner_email: `team-${i % 50}@example.com`,
      uptime_slo: [99, 99.5, 99.9][i % 3],
      public: i % 7 === 0,
      tags: [domain, `squad-${i % 20}`],
      dependencies: [`db-${i % 100}`],
      last_deployed_at: new Date(Date.UTC(2026, 9, 1) + i * 1000).toISOString(),
      metadata: {
        environment: ['production', 'staging', 'development'][i % 3],
        region: ['eu-west-1', 'us-east-1'][i % 2],
        cost_center: `CC-${1000 + (i % 9000)}`,
      },
    },
  };
}
