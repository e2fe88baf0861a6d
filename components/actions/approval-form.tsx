'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { sentence } from '@/components/ui/format';
import { api } from '@/lib/web/api-client';
import { actionKeys, runsApi } from './action-paths';

// Approve or reject a waiting run, with an optional comment (POST .../runs/{run}/approval). The
// server decides who may (action:approve, not the requester unless the action allows it): its
// refusal is shown as it says it.

export function ApprovalForm({ team, run, compact }: { team: string; run: string; compact?: boolean }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [comment, setComment] = useState('');
  const [pending, setPending] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: 'approve' | 'reject') {
    setPending(decision);
    setError(null);
    try {
      await api(runsApi(team, run, 'approval'), {
        method: 'POST',
        body: { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      });
      await queryClient.invalidateQueries({ queryKey: actionKeys.runs(team) });
    } catch (e) {
      setError(e instanceof Error ? sentence(e.message) : 'Could not record the decision.');
    } finally {
      setPending(null);
    }
  }

  return (
    <div className={compact ? 'flex flex-wrap items-center gap-2' : 'space-y-2'}>
      <label htmlFor={`${id}-comment`} className={compact ? 'sr-only' : 'block text-sm font-medium text-slate-700'}>
        Comment
      </label>
      <input
        id={`${id}-comment`}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder="Why (optional)"
        maxLength={2000}
        className="block w-full min-w-40 flex-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm"
      />
      <div className="flex gap-2">
        <Button pending={pending === 'approve'} disabled={pending !== null} onClick={() => void decide('approve')}>
          Approve
        </Button>
        <Button variant="danger" pending={pending === 'reject'} disabled={pending !== null} onClick={() => void decide('reject')}>
          Reject
        </Button>
      </div>
      {error && (
        <p role="alert" className="w-full text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
