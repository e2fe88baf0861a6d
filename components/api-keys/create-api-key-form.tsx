'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { PermissionPicker } from '@/components/roles/permission-picker';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { focusFirstInvalid } from '@/components/ui/focus-first-invalid';
import { formatDate, sentence } from '@/components/ui/format';
import type { ApiKeyView } from '@/lib/api-keys/api-key-service';
import type { Permission } from '@/lib/authz/permissions';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';
import { EXPIRY_CHOICES, expiresAtFor } from './expiry';
import { notifyOutcome } from '@/components/ui/notify';

export type CreatedKey = { api_key: ApiKeyView; key: string };

const select =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';

// A key for one script: a name, the permissions it needs (at most the creator's), an expiry.
export function CreateApiKeyForm({
  team,
  allowed,
  onCreated,
  onCancel,
}: {
  team: string;
  allowed: readonly string[];
  onCreated: (created: CreatedKey) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(allowed.includes('entity:read') ? ['entity:read'] : []);
  const [days, setDays] = useState(90);
  const expiresAt = expiresAtFor(days);
  const create = useMutation({
    mutationFn: () =>
      api<CreatedKey>(`/teams/${team}/api-keys`, { method: 'POST', body: { name: name.trim(), permissions, expires_at: expiresAt } }),
    onSuccess: async (created) => {
      notifyOutcome('API key', name.trim(), 'created');
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(team) });
      onCreated(created);
    },
    onError: () => focusFirstInvalid(form.current),
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const fields = error?.fieldErrors() ?? {};
  const nameError = fields['/name'] && (name.trim() ? 'Use at most 100 characters.' : 'Name the key after what uses it, e.g. "CI deploy".');
  const permissionsError =
    fields['/permissions'] && (permissions.length ? sentence(fields['/permissions']) : 'Tick at least one permission.');
  // "must be in the future" (the service) or "Must be a valid date and time" (the body's check): one sentence either way.
  const expiry = fields['/expires_at'];
  const expiryError = expiry && `The expiry ${expiry.charAt(0).toLowerCase()}${expiry.slice(1).replace(/\.$/, '')}.`;
  const other = create.error && !nameError && !permissionsError && !expiryError ? sentence(create.error.message) : undefined;
  return (
    <form
      ref={form}
      aria-label="New API key"
      className="space-y-4 rounded-xl border border-indigo-200 bg-white p-5 shadow-sm ring-4 ring-indigo-50"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
      onKeyDown={(e) => e.key === 'Escape' && !create.isPending && onCancel()}
    >
      <h2 className="text-base font-semibold text-slate-900">New API key</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Key name"
          name="key-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus
          maxLength={100}
          autoComplete="off"
          error={nameError}
          placeholder="e.g. CI deploy"
        />
        <div className="space-y-1">
          <label htmlFor="key-expiry" className="block text-sm font-medium text-slate-700">
            Expires
          </label>
          <select
            id="key-expiry"
            value={days}
            onChange={(e) => setDays(Number(e.target.value))}
            className={select}
            aria-describedby="key-expiry-hint"
          >
            {EXPIRY_CHOICES.map((x) => (
              <option key={x.days} value={x.days}>
                {x.label}
              </option>
            ))}
          </select>
          <p
            id="key-expiry-hint"
            className={`text-xs ${expiryError ? 'font-medium text-red-600' : 'text-slate-500'}`}
            role={expiryError ? 'alert' : undefined}
          >
            {expiryError ?? (expiresAt ? `Works until the end of ${formatDate(expiresAt)} (UTC).` : 'Works until revoked.')}
          </p>
        </div>
      </div>
      <PermissionPicker idPrefix="new-key" value={permissions} onChange={setPermissions} allowed={allowed} error={permissionsError} />
      <p className="text-xs text-slate-500">
        A key can never do more than its creator: if your own role loses a permission, your keys lose it too.
      </p>
      {other && (
        <p role="alert" className="text-sm text-red-600">
          {other}
        </p>
      )}
      <div className="flex gap-2 border-t border-slate-100 pt-4">
        <Button type="submit" pending={create.isPending}>
          Create key
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
