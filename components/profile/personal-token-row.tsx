'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formatDate, formatDateTime, sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import { PERSONAL_TOKEN_LEVELS } from '@/lib/domain/personal-token-rules';
import type { PersonalTokenView } from '@/lib/auth/personal-tokens';
import { api, queryKeys } from '@/lib/web/api-client';

const STATUS: Record<PersonalTokenView['status'], BadgeTone> = { active: 'emerald', expired: 'amber', revoked: 'slate' };

/** The level whose permission list the token holds exactly, else the count (a token made through the API). */
function levelOf(permissions: readonly string[]): string {
  const same = (list: readonly string[]) => list.length === permissions.length && list.every((p) => permissions.includes(p));
  return PERSONAL_TOKEN_LEVELS.find((l) => same(l.permissions))?.label ?? `${permissions.length} permissions`;
}

// One personal token: name and prefix, teams, level, dates and last use, status; revoke after a confirm.
export function PersonalTokenRow({ token: t }: { token: PersonalTokenView }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => api(`/auth/personal-tokens/${t.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      notifyOutcome('Personal token', t.name, 'revoked');
      return queryClient.invalidateQueries({ queryKey: queryKeys.myPersonalTokens() });
    },
  });
  const live = t.status === 'active';
  return (
    <tr data-testid={`personal-token-${t.name}`}>
      <td className="px-4 py-3">
        <p className={`font-medium ${live ? 'text-slate-900' : 'text-slate-500'}`}>{t.name}</p>
        <p className="font-mono text-xs text-slate-500">{t.prefix}…</p>
      </td>
      <td className="px-4 py-3 text-xs text-slate-700">
        {t.teams.length ? t.teams.map((team) => team.name).join(', ') : <span className="italic text-slate-500">no team left</span>}
        <p className="text-slate-500" title={t.permissions.join(', ')}>
          {levelOf(t.permissions)}
        </p>
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">
        {t.last_used_at ? (
          <>
            {formatDateTime(t.last_used_at)}
            {t.last_used_ip && <p className="font-mono text-slate-500">{t.last_used_ip}</p>}
          </>
        ) : (
          <span className="text-slate-500">never</span>
        )}
      </td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{formatDate(t.created_at)}</td>
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">{formatDate(t.expires_at)}</td>
      <td className="px-4 py-3">
        <Badge tone={STATUS[t.status]} title={t.revoked_at ? `Revoked ${formatDateTime(t.revoked_at)}` : undefined}>
          {t.status}
        </Badge>
      </td>
      <td className="whitespace-nowrap px-4 py-2.5 text-right">
        {live && (
          <ConfirmButton
            label="Revoke"
            confirmLabel="Revoke now"
            ariaLabel={`Revoke ${t.name} (${t.prefix})`}
            onConfirm={() => revoke.mutateAsync()}
          />
        )}
        {revoke.error && (
          <p role="alert" className="mt-1 whitespace-normal text-xs text-red-600">
            {sentence(revoke.error.message)}
          </p>
        )}
      </td>
    </tr>
  );
}
