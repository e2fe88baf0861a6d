'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { sentence } from '@/components/ui/format';
import { api } from '@/lib/web/api-client';

// Joins through the same route scripts use (POST /api/v1/invitations/accept), then opens the team.
// A refusal (the link used meanwhile in another tab, revoked, expired) shows right under the button.
export function JoinTeamButton({ token, teamName }: { token: string; teamName: string }) {
  const router = useRouter();
  const join = useMutation({
    mutationFn: () => api<{ team: { slug: string } }>('/invitations/accept', { method: 'POST', body: { token } }),
    onSuccess: ({ team }) => router.push(`/t/${team.slug}`),
  });
  return (
    <div className="space-y-2">
      <Button className="w-full" pending={join.isPending || join.isSuccess} onClick={() => join.mutate()}>
        Join {teamName}
      </Button>
      {join.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {sentence(join.error.message)}
        </p>
      )}
    </div>
  );
}
