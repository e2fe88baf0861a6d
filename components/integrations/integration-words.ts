import type { IntegrationKind } from '@/lib/integrations/integration-limits';

// How the pages name integration kinds and sync modes.

export const KIND_LABELS: Record<IntegrationKind, string> = {
  webhook: 'Webhook',
  file: 'File upload',
  'http-pull': 'HTTP pull',
};

/** The kinds the editor offers to create (what runs today), with what each means. */
export const CREATABLE_KINDS: Array<{ kind: IntegrationKind; hint: string }> = [
  { kind: 'webhook', hint: 'A CI job or a script POSTs items to the ingestion URL, signed with the secret or with it as a Bearer token.' },
  {
    kind: 'file',
    hint: 'People send items from this page (pasted, or a JSON, NDJSON, YAML or CSV file); the mappings turn them into entities.',
  },
  {
    kind: 'http-pull',
    hint: 'Baseplate fetches a URL on a schedule (or when you press Pull now) and syncs what it got through the mappings.',
  },
];
