'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PermissionPicker } from '@/components/roles/permission-picker';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { ApiKeyView } from '@/lib/api-keys/api-key-service';
import type { Permission } from '@/lib/authz/permissions';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';

const EXPIRIES = [
  { label: 'Never', days: 0 },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
];

// A key for a script: a name, the permissions it needs (at most the creator's), an expiry.
export function CreateApiKeyForm({ team, allowed, onCreated, onCancel }: { team: string; allowed: string[]; onCreated: (created: { api_key: ApiKeyView; key: string }) => void; onCancel: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['entity:read']);
  const [days, setDays] = useState(90);
  const create = useMutation({
    mutationFn: () =>
      api<{ api_key: ApiKeyView; key: string }>(`/teams/${team}/api-keys`, {
        method: 'POST',
        body: { name, permissions, expires_at: days ? new Date(Date.now() + days * 86_400_000).toISOString() : null },
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(team) });
      onCreated(created);
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const fields = error?.fieldErrors() ?? {};
  return (
    <form
      aria-label="New API key"
      className="space-y-4 rounded-xl border border-indigo-200 bg-white p-5 shadow-sm"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Key name" name="key-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={100} error={fields['/name'] && 'Name the key after what uses it, e.g. "CI deploy".'} />
        <div className="space-y-1">
          <label htmlFor="key-expiry" className="block text-sm font-medium text-slate-700">Expires</label>
          <select id="key-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30">
            {EXPIRIES.map((x) => (
              <option key={x.days} value={x.days}>{x.label}</option>
            ))}
          </select>
        </div>
      </div>
      <PermissionPicker idPrefix="new-key" value={permissions} onChange={setPermissions} allowed={allowed} />
      {fields['/permissions'] && <p role="alert" className="text-sm text-red-600">Tick at least one permission.</p>}
      {error && !fields['/name'] && !fields['/permissions'] && <p role="alert" className="text-sm text-red-600">{error.message}</p>}
      <div className="flex gap-2">
        <Button type="submit" pending={create.isPending}>Create key</Button>
        <Button type="button" variant="secondary" onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
