'use client';

import { useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { sentence } from '@/components/ui/format';
import { SecretOnceDialog } from '@/components/ui/secret-once-dialog';
import { api } from '@/lib/web/api-client';
import { actionsApi } from './action-paths';

// The action's signing secret, shown once: after a create (the 201 carries it) and after a
// rotation. Receivers check X-Baseplate-Signature with it; Baseplate never shows it again.
export function SigningSecretDialog({ secret, onClose }: { secret: string; onClose(): void }) {
  return (
    <SecretOnceDialog title="Signing secret" secret={secret} testId="signing-secret" onClose={onClose}>
      Your webhook receiver checks <code className="font-mono text-xs">X-Baseplate-Signature</code> with it.
    </SecretOnceDialog>
  );
}

/** "Rotate secret" on the edit page: asks first, then shows the new secret once. */
export function RotateSecretButton({ team, action }: { team: string; action: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-1">
      <ConfirmButton
        label="Rotate signing secret"
        confirmLabel="Rotate: the old secret stops working"
        size="sm"
        onConfirm={async () => {
          setError(null);
          try {
            const answer = await api<{ signing_secret: string }>(actionsApi(team, action, 'rotate-secret'), { method: 'POST' });
            setSecret(answer.signing_secret);
          } catch (e) {
            setError(e instanceof Error ? sentence(e.message) : 'Could not rotate the secret.');
          }
        }}
      />
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
      {secret && <SigningSecretDialog secret={secret} onClose={() => setSecret(null)} />}
    </div>
  );
}
