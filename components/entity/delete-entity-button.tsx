'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { sentence } from '@/components/ui/format';
import { api } from '@/lib/web/api-client';
import { blueprintHref, entityApiPath } from './entity-href';

// Delete with a confirm step; sends the version shown as If-Match, so a change made meanwhile by
// someone else is not deleted unseen (409: the message asks for a reload).
export function DeleteEntityButton({ team, blueprint, identifier, version }: { team: string; blueprint: string; identifier: string; version: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <ConfirmButton
        label="Delete"
        confirmLabel="Delete entity"
        ariaLabel={`Delete ${identifier}`}
        onConfirm={async () => {
          setError(null);
          try {
            await api(entityApiPath(team, blueprint, identifier), { method: 'DELETE', headers: { 'If-Match': `"${version}"` } });
            router.push(blueprintHref(team, blueprint));
            router.refresh();
          } catch (e) {
            setError(e instanceof Error ? sentence(e.message) : 'Could not delete the entity.');
          }
        }}
      />
      {error && <span role="alert" className="max-w-xs text-right text-xs text-red-600">{error}</span>}
    </span>
  );
}
