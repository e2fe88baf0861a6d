'use client';

import { useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { CopyValue } from '@/components/ui/copy-value';
import { sentence } from '@/components/ui/format';
import { SecretOnceDialog } from '@/components/ui/secret-once-dialog';
import { api } from '@/lib/web/api-client';
import { ingestUrl, integrationsApi } from './integration-paths';

// Where a webhook integration's items go, and its secret: shown once after a create or a rotation.

export function IntegrationSecretDialog({ secret, onClose }: { secret: string; onClose(): void }) {
  return (
    <SecretOnceDialog title="Integration secret" secret={secret} testId="integration-secret" onClose={onClose}>
      Sign each ingestion request with it (<code className="font-mono text-xs">X-Baseplate-Signature</code>, as for action webhooks) or send
      it as <code className="font-mono text-xs">Authorization: Bearer</code>.
    </SecretOnceDialog>
  );
}

export function IngestionBox({ team, integration, canWrite }: { team: string; integration: string; canWrite: boolean }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const url = ingestUrl(typeof window === 'undefined' ? '' : window.location.origin, team, integration);
  return (
    <section aria-labelledby="ingest-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="ingest-heading" className="text-sm font-semibold text-slate-900">
        Ingestion URL
      </h2>
      <p className="text-xs text-slate-600">
        POST a JSON array of items (up to 1,000, or <code className="font-mono">{'{"items": [...], "mode": "full"}'}</code>) with the
        secret.
      </p>
      <CopyValue value={url} testId="ingest-url" />
      {canWrite && (
        <ConfirmButton
          label="Rotate secret"
          confirmLabel="Rotate: the old secret stops working"
          size="sm"
          onConfirm={async () => {
            setError(null);
            try {
              setSecret((await api<{ secret: string }>(integrationsApi(team, integration, 'rotate-secret'), { method: 'POST' })).secret);
            } catch (e) {
              setError(e instanceof Error ? sentence(e.message) : 'Could not rotate the secret.');
            }
          }}
        />
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
      {secret && <IntegrationSecretDialog secret={secret} onClose={() => setSecret(null)} />}
    </section>
  );
}
