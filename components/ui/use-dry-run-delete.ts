'use client';

import { useState } from 'react';
import { sentence } from '@/components/ui/format';
import { api, ApiError } from '@/lib/web/api-client';

// A delete that asks first: `open` fetches the dry run (`DELETE ?dry_run=true`, which changes
// nothing) for the dialog to show what would go; `confirm` deletes with If-Match (the version the
// page shows), then calls `onDeleted`. Errors become a sentence to show where the action is.

const messageOf = (e: unknown) => (e instanceof ApiError ? sentence(e.message) : 'Could not reach the server');

export function useDryRunDelete<Impact>(path: string, version: number, onDeleted: () => void) {
  const [impact, setImpact] = useState<Impact | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function open() {
    setError(null);
    setPending(true);
    try {
      setImpact((await api<{ would_delete: Impact }>(`${path}?dry_run=true`, { method: 'DELETE' })).would_delete);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setPending(false);
    }
  }
  async function confirm() {
    setPending(true);
    try {
      await api(path, { method: 'DELETE', headers: { 'If-Match': `"${version}"` } });
      onDeleted();
    } catch (e) {
      setError(messageOf(e));
      setPending(false);
    }
  }
  return { impact, pending, error, open, confirm, close: () => setImpact(null) };
}
