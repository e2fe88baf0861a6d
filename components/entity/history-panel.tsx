'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime, sentence } from '@/components/ui/format';
import type { HistoryItem } from '@/lib/entities/list-entity-history';
import { api, ApiError, queryKeys } from '@/lib/web/api-client';
import { useCursorList } from '@/lib/web/use-cursor-list';
import { entityApiPath } from './entity-href';
import { VersionDiff } from './version-diff';

type Props = {
  team: string;
  blueprint: string;
  identifier: string;
  currentVersion: number;
  canWrite: boolean;
  /** The blueprint's schema and its relations' titles by id: the diff names fields by their titles. */
  schema?: unknown;
  relationTitles?: Record<string, string>;
};
type Version = HistoryItem & { version: number };

const ACTIONS: Record<string, { label: string; tone: 'emerald' | 'indigo' | 'amber' | 'red' }> = {
  'entity.created': { label: 'Created', tone: 'emerald' },
  'entity.updated': { label: 'Updated', tone: 'indigo' },
  'entity.restored': { label: 'Restored', tone: 'amber' },
  'entity.deleted': { label: 'Deleted', tone: 'red' },
};

const who = (v: HistoryItem) =>
  v.api_key_name ? `API key ${v.api_key_name}${v.actor_name ? ` (${v.actor_name})` : ''}` : (v.actor_name ?? 'the system');

// The entity's versions from the audit log, newest first, a page at a time. Tick two to compare
// them field by field; "Restore" writes an old version's title and data as a new version.
export function HistoryPanel({ team, blueprint, identifier, currentVersion, canWrite, schema, relationTitles }: Props) {
  const router = useRouter();
  const titles = useMemo(() => new Map(Object.entries(relationTitles ?? {})), [relationTitles]);
  const queryClient = useQueryClient();
  const key = queryKeys.entityHistory(team, blueprint, identifier);
  const list = useCursorList<{ versions: HistoryItem[]; next_cursor: string | null }, HistoryItem>(
    key,
    `${entityApiPath(team, blueprint, identifier)}/history?limit=20`,
    (p) => p.versions,
  );
  const rows = list.items.filter((v): v is Version => v.version !== null);
  // A deletion (undone since: the entity is here) is an event in the list, not a version to compare or restore.
  const versions = rows.filter((v) => v.action !== 'entity.deleted');
  const [picked, setPicked] = useState<number[] | null>(null);
  // Until the user picks, compare the two newest versions (what the last change did).
  const selection = picked ?? versions.slice(0, 2).map((v) => v.version);
  const [asking, setAsking] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string; details?: string[]; stale?: boolean } | null>(null);

  const toggle = (version: number) => {
    const current = selection.includes(version) ? selection.filter((v) => v !== version) : [...selection, version].slice(-2);
    setPicked(current);
  };

  async function restore(version: number) {
    setRestoring(true);
    setNotice(null);
    try {
      const entity = await api<{ identifier: string }>(`${entityApiPath(team, blueprint, identifier)}/restore`, {
        method: 'POST',
        body: { version },
        headers: { 'If-Match': `"${currentVersion}"` },
      });
      void entity;
      setNotice({ tone: 'ok', text: `Version ${version} restored as version ${currentVersion + 1}.` });
      setPicked(null);
      await queryClient.invalidateQueries({ queryKey: key });
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'stale_version') {
        setNotice({
          tone: 'error',
          stale: true,
          text: 'The entity changed since this page was loaded. Reload to see the latest version, then restore again.',
        });
      } else if (error instanceof ApiError && error.code === 'validation_failed') {
        const details = Object.entries(error.fieldErrors()).map(
          ([path, message]) => `${path.replace(/^\/data\//, '').replaceAll('/', '.')}: ${message}`,
        );
        setNotice({ tone: 'error', text: sentence(error.message), details });
      } else {
        setNotice({ tone: 'error', text: error instanceof Error ? sentence(error.message) : 'Could not restore.' });
      }
    } finally {
      setRestoring(false);
      setAsking(null);
    }
  }

  if (list.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading history" className="space-y-2">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-14 animate-pulse rounded-lg bg-slate-100" />
        ))}
      </div>
    );
  }
  if (list.isError)
    return (
      <p role="alert" className="text-sm text-red-600">
        {sentence(list.error.message)}
      </p>
    );
  if (versions.length === 0)
    return (
      <EmptyState icon="🕰️" title="No history yet">
        Changes to this entity will be listed here.
      </EmptyState>
    );

  const [a, b] = selection
    .map((n) => versions.find((v) => v.version === n))
    .filter((v): v is Version => Boolean(v))
    .sort((x, y) => x.version - y.version);
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,26rem)_1fr]">
      <div className="space-y-3">
        {notice && (
          <div
            role={notice.tone === 'error' ? 'alert' : 'status'}
            className={`rounded-md border px-3 py-2 text-sm ${notice.tone === 'ok' ? 'border-emerald-200 bg-emerald-50 text-emerald-800' : 'border-red-200 bg-red-50 text-red-700'}`}
          >
            <p className="font-medium">{notice.text}</p>
            {notice.details && notice.details.length > 0 && (
              <ul className="mt-1 list-disc pl-5 text-xs">
                {notice.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
            {notice.stale && (
              <Button variant="secondary" size="sm" className="mt-2" onClick={() => window.location.reload()}>
                Reload
              </Button>
            )}
          </div>
        )}
        <p className="text-xs text-slate-500">Tick two versions to compare them.</p>
        <ol className="space-y-2" aria-label="Versions">
          {rows.map((v) => {
            const action = ACTIONS[v.action] ?? { label: v.action, tone: 'indigo' as const };
            if (v.action === 'entity.deleted') {
              return (
                <li key={v.id} className="rounded-lg border border-dashed border-slate-300 bg-white px-3 py-2.5">
                  <span className="flex flex-wrap items-center gap-2">
                    <Badge tone={action.tone}>{action.label}</Badge>
                    <span className="text-xs text-slate-600">at version {v.version}</span>
                  </span>
                  <span className="mt-0.5 block text-xs text-slate-600">
                    {who(v)} · <time dateTime={v.created_at}>{formatDateTime(v.created_at)}</time>
                  </span>
                </li>
              );
            }
            const checked = selection.includes(v.version);
            const current = v.version === currentVersion;
            return (
              <li
                key={v.id}
                data-version={v.version}
                className={`rounded-lg border bg-white px-3 py-2.5 ${checked ? 'border-indigo-300 ring-1 ring-indigo-200' : 'border-slate-200'}`}
              >
                <div className="flex items-start gap-3">
                  <input
                    type="checkbox"
                    id={`compare-${v.version}`}
                    checked={checked}
                    onChange={() => toggle(v.version)}
                    aria-label={`Compare version ${v.version}`}
                    className="mt-1 h-4 w-4 rounded border-slate-300 accent-indigo-600"
                  />
                  <label htmlFor={`compare-${v.version}`} className="min-w-0 flex-1 cursor-pointer">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-mono text-sm font-semibold text-slate-900">v{v.version}</span>
                      <Badge tone={action.tone}>{action.label}</Badge>
                      {v.restored_version !== null && <span className="text-xs text-slate-500">from v{v.restored_version}</span>}
                      {current && <Badge>Current</Badge>}
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {who(v)} · <time dateTime={v.created_at}>{formatDateTime(v.created_at)}</time>
                    </span>
                  </label>
                  {canWrite && !current && (
                    <span className="flex shrink-0 items-center gap-1.5">
                      {asking === v.version ? (
                        <>
                          <Button
                            size="sm"
                            autoFocus
                            pending={restoring}
                            onClick={() => restore(v.version)}
                            onKeyDown={(e) => e.key === 'Escape' && setAsking(null)}
                          >
                            Restore v{v.version}
                          </Button>
                          <Button size="sm" variant="secondary" disabled={restoring} onClick={() => setAsking(null)}>
                            Cancel
                          </Button>
                        </>
                      ) : (
                        <Button size="sm" variant="secondary" onClick={() => setAsking(v.version)}>
                          Restore version {v.version}
                        </Button>
                      )}
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
        {list.hasNextPage && (
          <Button variant="secondary" className="w-full" pending={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            Load older versions
          </Button>
        )}
      </div>
      <div className="min-w-0">
        {a && b ? (
          <VersionDiff older={a} newer={b} schema={schema} relationTitles={titles} />
        ) : (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-500">
            {versions.length < 2
              ? 'Only one version so far: nothing to compare yet.'
              : 'Tick a second version to see what changed between them.'}
          </div>
        )}
      </div>
    </div>
  );
}
