'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatCount, sentence } from '@/components/ui/format';
import { ProgressStatus } from '@/components/ui/progress-status';
import type { ApplyResult } from '@/lib/ingest/mapped-entity';
import { INTEGRATION_LIMITS } from '@/lib/integrations/integration-limits';
import { parseImportFile } from '@/lib/import/parse-import-file';
import { api } from '@/lib/web/api-client';
import { integrationKeys, integrationsApi } from './integration-paths';
import { addUpResults } from './add-up-results';
import { SyncChanges } from './sync-changes';

// Sending items through an integration from the browser: pasted JSON or a file (JSON, NDJSON,
// multi-document YAML, parsed here by the server's own parser and limits), always previewed first
// (a dry run: what would be created, updated with a diff, deleted and refused), then applied.
// More than 1,000 items go in calls of 1,000 with a progress bar (a delta only: a full sync must
// see everything at once, so it takes at most one call).

type Mode = 'delta' | 'full';
type Stage =
  { kind: 'edit' } | { kind: 'preview'; result: ApplyResult; items: unknown[] } | { kind: 'applying'; done: number; total: number };

const CHUNK = INTEGRATION_LIMITS.maxItems;
const FILE_TYPES: Record<string, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  yaml: 'application/yaml',
  yml: 'application/yaml',
};

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export function SyncItemsPanel({ team, integration }: { team: string; integration: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('delta');
  const [force, setForce] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'edit' });
  const [error, setError] = useState<string | null>(null);
  const [applied, setApplied] = useState<ApplyResult | null>(null);

  const itemsOf = (): unknown[] =>
    parseImportFile(text, fileName ? FILE_TYPES[fileName.split('.').pop()!.toLowerCase()] : 'application/json');

  async function send(items: unknown[], dryRun: boolean, onChunk?: (done: number) => void): Promise<ApplyResult> {
    const results: ApplyResult[] = [];
    for (const part of chunks(items)) {
      results.push(
        await api<ApplyResult>(integrationsApi(team, integration, 'sync'), {
          method: 'POST',
          body: { items: part, mode, dry_run: dryRun, ...(force && { force: true }) },
        }),
      );
      onChunk?.(results.length * CHUNK);
    }
    return addUpResults(
      results,
      results.map((_, chunk) => chunk * CHUNK),
    );
  }

  async function preview() {
    setError(null);
    setApplied(null);
    let items: unknown[];
    try {
      items = itemsOf();
    } catch (e) {
      return setError(e instanceof Error ? sentence(e.message) : 'The items cannot be read.');
    }
    if (items.length === 0) return setError('There are no items to send.');
    if (mode === 'full' && items.length > CHUNK) return setError(`A full sync takes at most ${formatCount(CHUNK)} items in one go.`);
    try {
      setStage({ kind: 'preview', result: await send(items, true), items });
    } catch (e) {
      setError(e instanceof Error ? sentence(e.message) : 'The preview failed.');
    }
  }

  async function apply(items: unknown[]) {
    setError(null);
    setStage({ kind: 'applying', done: 0, total: items.length });
    try {
      const result = await send(items, false, (done) =>
        setStage({ kind: 'applying', done: Math.min(done, items.length), total: items.length }),
      );
      setApplied(result);
      setStage({ kind: 'edit' });
      await queryClient.invalidateQueries({ queryKey: integrationKeys.all(team) });
    } catch (e) {
      setError(e instanceof Error ? sentence(e.message) : 'The sync failed.');
      setStage({ kind: 'edit' });
    }
  }

  return (
    <section aria-labelledby="send-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="send-heading" className="text-sm font-semibold text-slate-900">
        Send items
      </h2>
      <p className="text-xs text-slate-600">
        Paste items as JSON, or choose a JSON, NDJSON or YAML file. You see what would change before anything is written.
      </p>
      <label htmlFor="sync-items" className="sr-only">
        Items
      </label>
      <textarea
        id="sync-items"
        rows={6}
        value={text}
        spellCheck={false}
        placeholder='[{"id": "payments-api", "name": "Payments API"}]'
        onChange={(e) => {
          setText(e.target.value);
          setFileName(null);
          setStage({ kind: 'edit' });
        }}
        className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
      />
      <div className="flex flex-wrap items-center gap-4 text-sm text-slate-700">
        <label className="flex items-center gap-2">
          File
          <input
            type="file"
            accept=".json,.ndjson,.yaml,.yml"
            className="text-xs"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setText(await file.text());
              setFileName(file.name);
              setStage({ kind: 'edit' });
            }}
          />
        </label>
        <label className="flex items-center gap-2">
          Mode
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as Mode)}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          >
            <option value="delta">Delta: create and update what is sent</option>
            <option value="full">Full: also delete what this integration wrote and is not sent</option>
          </select>
        </label>
        {mode === 'full' && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            Force past the deletion threshold
          </label>
        )}
      </div>
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={() => void preview()} disabled={stage.kind === 'applying' || !text.trim()}>
          Preview changes
        </Button>
        {stage.kind === 'preview' && (
          <Button type="button" onClick={() => void apply(stage.items)}>
            Apply to {formatCount(stage.items.length)} item{stage.items.length === 1 ? '' : 's'}
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-600">
          {error}
        </p>
      )}
      {stage.kind === 'applying' && (
        <ProgressStatus
          text={`Sending ${formatCount(stage.done)} of ${formatCount(stage.total)}…`}
          done={stage.done}
          total={stage.total}
          label="Sync progress"
        />
      )}
      {stage.kind === 'preview' && <SyncChanges result={stage.result} heading="What would change" />}
      {applied && <SyncChanges result={applied} heading="Applied" />}
    </section>
  );
}
