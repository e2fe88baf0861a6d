'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { focusFirstInvalid } from '@/components/ui/focus-first-invalid';
import { sentence } from '@/components/ui/format';
import { notifyOutcome } from '@/components/ui/notify';
import {
  PERSONAL_TOKEN_EXPIRY_CHOICES,
  PERSONAL_TOKEN_LEVELS,
  type CreatePersonalToken,
  type PersonalTokenLevel,
} from '@/lib/domain/personal-token-rules';
import type { PersonalTokenView } from '@/lib/auth/personal-tokens';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';

export type CreatedPersonalToken = { personal_token: PersonalTokenView; token: string };
export type MyTeam = { id: string; slug: string; name: string; role: string };

const select =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';

// A personal token for one script: a name, the teams it may reach (some of the person's), a level
// (the permissions of a default role, never more than the person's role in each team), an expiry.
export function CreatePersonalTokenForm({
  teams,
  onCreated,
  onCancel,
}: {
  teams: MyTeam[];
  onCreated: (created: CreatedPersonalToken) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [teamIds, setTeamIds] = useState<string[]>(teams.length === 1 ? [teams[0].id] : []);
  const [level, setLevel] = useState<PersonalTokenLevel>('viewer');
  const [days, setDays] = useState<number>(30);
  const create = useMutation({
    mutationFn: () => {
      const permissions = PERSONAL_TOKEN_LEVELS.find((l) => l.level === level)!.permissions;
      const body: CreatePersonalToken = { name: name.trim(), team_ids: teamIds, permissions, expires_in_days: days };
      return api<CreatedPersonalToken>('/auth/personal-tokens', { method: 'POST', body });
    },
    onSuccess: async (created) => {
      notifyOutcome('Personal token', name.trim(), 'created');
      await queryClient.invalidateQueries({ queryKey: queryKeys.myPersonalTokens() });
      onCreated(created);
    },
    onError: () => focusFirstInvalid(form.current),
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const fields = error?.fieldErrors() ?? {};
  const nameError =
    fields['/name'] && (name.trim() ? 'Use at most 100 characters.' : 'Name the token after what uses it, e.g. "deploy script".');
  const teamsError = Object.keys(fields).some((p) => p.startsWith('/team_ids'))
    ? teamIds.length
      ? 'Choose only teams you belong to.'
      : 'Choose at least one team.'
    : undefined;
  const levelError = fields['/permissions'] && 'Your role in the chosen teams is below this level: choose a lower one.';
  const other = create.error && !nameError && !teamsError && !levelError ? sentence(create.error.message) : undefined;
  return (
    <form
      ref={form}
      aria-label="New personal token"
      className="space-y-4 rounded-xl border border-indigo-200 bg-white p-5 shadow-sm ring-4 ring-indigo-50"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
      onKeyDown={(e) => e.key === 'Escape' && !create.isPending && onCancel()}
    >
      <h3 className="text-base font-semibold text-slate-900">New personal token</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Token name"
          name="token-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
          maxLength={100}
          autoComplete="off"
          error={nameError}
          placeholder="e.g. deploy script"
        />
        <div className="space-y-1">
          <label htmlFor="token-expiry" className="block text-sm font-medium text-slate-700">
            Expires after
          </label>
          <select id="token-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))} className={select}>
            {PERSONAL_TOKEN_EXPIRY_CHOICES.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset aria-describedby={teamsError ? 'token-teams-error' : undefined}>
        <legend className="text-sm font-medium text-slate-700">Teams it may reach</legend>
        <ul className="mt-2 grid gap-2 sm:grid-cols-2">
          {teams.map((t) => (
            <li key={t.id} className="flex items-center gap-2 text-sm">
              <input
                id={`token-team-${t.id}`}
                type="checkbox"
                className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                checked={teamIds.includes(t.id)}
                aria-invalid={teamsError ? true : undefined}
                onChange={(e) => setTeamIds(e.target.checked ? [...teamIds, t.id] : teamIds.filter((id) => id !== t.id))}
              />
              <label htmlFor={`token-team-${t.id}`} className="text-slate-700">
                {t.name} <span className="text-xs text-slate-500">(your role: {t.role})</span>
              </label>
            </li>
          ))}
        </ul>
        {teamsError && (
          <p id="token-teams-error" role="alert" className="mt-1 text-xs font-medium text-red-600">
            {teamsError}
          </p>
        )}
      </fieldset>
      <fieldset aria-describedby={levelError ? 'token-level-error' : 'token-level-hint'}>
        <legend className="text-sm font-medium text-slate-700">What it may do</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {PERSONAL_TOKEN_LEVELS.map((l) => (
            <label key={l.level} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="radio"
                name="token-level"
                value={l.level}
                checked={level === l.level}
                onChange={() => setLevel(l.level)}
                className="h-4 w-4 border-slate-300 text-indigo-600 focus:ring-indigo-500"
              />
              {l.label}
            </label>
          ))}
        </div>
        {levelError ? (
          <p id="token-level-error" role="alert" className="mt-1 text-xs font-medium text-red-600">
            {levelError}
          </p>
        ) : (
          <p id="token-level-hint" className="mt-1 text-xs text-slate-500">
            In each team the token never does more than your role there: if you are demoted or leave the team, the token follows at once.
          </p>
        )}
      </fieldset>
      {other && (
        <p role="alert" className="text-sm text-red-600">
          {other}
        </p>
      )}
      <div className="flex gap-2 border-t border-slate-100 pt-4">
        <Button type="submit" pending={create.isPending}>
          Create token
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
