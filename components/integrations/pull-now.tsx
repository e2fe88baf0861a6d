'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatCount, formatDateTime, sentence } from '@/components/ui/format';
import type { IntegrationView } from '@/lib/integrations/integration-view';
import type { SyncAnswer } from '@/lib/integrations/sync-integration';
import { api } from '@/lib/web/api-client';
import { integrationKeys, integrationsApi } from './integration-paths';

// An http-pull integration's schedule on its card: when it pulls next, and "Pull now" (the same
// sync as the schedule's, answered at once; the next scheduled pull is then an interval away) with what it did, or why it failed, announced to
// screen readers. The lists are refreshed after, so the card's last sync shows the pull too.

export function PullNow({ team, integration, canWrite }: { team: string; integration: IntegrationView; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  // When the card was first drawn: a next pull already past then is due (the sweep runs every minute).
  const [shownAt] = useState(() => Date.now());
  const [result, setResult] = useState<{ ok: true; answer: SyncAnswer } | { ok: false; message: string } | null>(null);

  async function pull() {
    setPending(true);
    setResult(null);
    try {
      const answer = await api<SyncAnswer>(integrationsApi(team, integration.identifier, 'pull'), { method: 'POST' });
      setResult({ ok: true, answer });
    } catch (error) {
      setResult({ ok: false, message: sentence(error instanceof Error ? error.message : String(error)) });
    } finally {
      setPending(false);
      await queryClient.invalidateQueries({ queryKey: integrationKeys.all(team) });
    }
  }

  return (
    <div className="mt-3 space-y-2 border-t border-slate-100 pt-3 text-sm">
      <p className="text-slate-600">
        {!integration.enabled || !integration.next_pull_at
          ? 'Not pulled while disabled.'
          : new Date(integration.next_pull_at).getTime() <= shownAt
            ? 'Due: pulls within a minute.'
            : `Next pull ${formatDateTime(integration.next_pull_at)}`}
      </p>
      {canWrite && integration.enabled && (
        <Button type="button" variant="secondary" size="sm" pending={pending} onClick={() => void pull()}>
          Pull now
        </Button>
      )}
      <div aria-live="polite" data-testid="pull-result">
        {result?.ok === true && (
          <p className="text-slate-700">
            Pulled: {formatCount(result.answer.created)} created · {formatCount(result.answer.updated)} updated ·{' '}
            {formatCount(result.answer.unchanged)} unchanged · {formatCount(result.answer.deleted)} deleted
            {result.answer.failed.length > 0 && (
              <span className="font-medium text-red-700"> · {formatCount(result.answer.failed.length)} failed</span>
            )}
          </p>
        )}
        {result?.ok === false && (
          <p role="alert" className="font-medium text-red-700">
            {result.message}
          </p>
        )}
      </div>
    </div>
  );
}
