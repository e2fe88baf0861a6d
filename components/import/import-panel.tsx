'use client';

import Link from 'next/link';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { addUpResults } from '@/components/integrations/add-up-results';
import { SyncChanges } from '@/components/integrations/sync-changes';
import { Button } from '@/components/ui/button';
import { formatCount, plural, sentence } from '@/components/ui/format';
import { ProgressStatus } from '@/components/ui/progress-status';
import type { ImportAnswer } from '@/lib/import/import-catalog';
import { importFormatOf, type ImportFormat } from '@/lib/import/parse-import-file';
import { splitImportFile } from '@/lib/import/split-import-file';
import { ApiError } from '@/lib/web/api-client';

// Importing a file into the catalog (POST /api/v1/teams/{team}/import): an export of Baseplate, a
// Backstage catalog-info.yaml, JSON, NDJSON, YAML or CSV. Always previewed first (a dry run: the
// blueprints it would create, each entity it would create or update with a diff, what would fail
// and why), then imported. A file over the request limit goes in parts with a progress bar; links
// to entities of a later part are made by a second pass over the parts (unchanged entities write
// nothing, so it costs reads only).

const TYPES: Record<string, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  jsonl: 'application/x-ndjson',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  csv: 'text/csv',
};
const FORMAT_NAMES: Record<ImportFormat, string> = { json: 'JSON', ndjson: 'NDJSON', yaml: 'YAML', csv: 'CSV' };

type Picked = { name: string; text: string; contentType: string; format: ImportFormat };
type Stage =
  { kind: 'idle' } | { kind: 'working'; label: string; done: number; total: number } | { kind: 'previewed'; result: ImportAnswer };

async function postPart(team: string, part: string, file: Picked, query: URLSearchParams): Promise<ImportAnswer> {
  const response = await fetch(`/api/v1/teams/${encodeURIComponent(team)}/import?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': file.contentType },
    body: part,
    credentials: 'same-origin',
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error ?? { code: 'internal', message: `request failed (${response.status})` };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return payload as ImportAnswer;
}

function combine(results: ImportAnswer[]): ImportAnswer {
  let offset = 0;
  const offsets = results.map((r) => {
    const start = offset;
    offset += r.created + r.updated + r.unchanged + r.failed.length + r.skipped;
    return start;
  });
  return {
    ...addUpResults(results, offsets),
    skipped: results.reduce((n, r) => n + r.skipped, 0),
    blueprints_created: results.flatMap((r) => r.blueprints_created),
    warnings: results.flatMap((r) => r.warnings),
  };
}

export function ImportPanel({ team, blueprints }: { team: string; blueprints: Array<{ id: string; title: string }> }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<Picked | null>(null);
  const [blueprint, setBlueprint] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [done, setDone] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pick(picked: File | undefined) {
    setError(null);
    setDone(null);
    setStage({ kind: 'idle' });
    if (!picked) return setFile(null);
    const contentType = TYPES[picked.name.split('.').pop()?.toLowerCase() ?? ''] ?? picked.type;
    try {
      setFile({ name: picked.name, text: await picked.text(), contentType, format: importFormatOf(contentType) });
    } catch (e) {
      setFile(null);
      setError(e instanceof Error ? sentence(e.message) : 'This file cannot be read.');
    }
  }

  /** Every part of the file through the route, in order; `label` names the work for the progress bar. */
  async function run(dryRun: boolean, label: string): Promise<ImportAnswer> {
    const picked = file!;
    const parts = splitImportFile(picked.text, picked.format);
    const query = new URLSearchParams({ ...(picked.format === 'csv' && { blueprint }), ...(dryRun && { dry_run: 'true' }) });
    const pass = async (name: string) => {
      const results: ImportAnswer[] = [];
      for (const part of parts) {
        setStage({ kind: 'working', label: name, done: results.length, total: parts.length });
        results.push(await postPart(team, part, picked, query));
      }
      return combine(results);
    };
    const first = await pass(label);
    // Links to entities of a later part failed in the first pass; those entities exist now.
    if (dryRun || parts.length === 1 || !first.failed.some((f) => f.message.includes('to link to'))) return first;
    const second = await pass(`${label}: linking across parts`);
    // What the first pass wrote is unchanged in the second; the second writes what waited for links.
    return {
      ...second,
      created: first.created + second.created,
      updated: first.updated + second.updated,
      unchanged: second.unchanged - first.created - first.updated,
    };
  }

  async function act(dryRun: boolean) {
    setError(null);
    setDone(null);
    if (file?.format === 'csv' && !blueprint) return setError('Choose the blueprint the rows of this CSV file are entities of.');
    try {
      const result = await run(dryRun, dryRun ? 'Previewing' : 'Importing');
      if (dryRun) return setStage({ kind: 'previewed', result });
      setStage({ kind: 'idle' });
      setDone(result);
      await queryClient.invalidateQueries({ queryKey: ['team', team] });
    } catch (e) {
      setStage({ kind: 'idle' });
      setError(e instanceof Error ? sentence(e.message) : 'The import failed.');
    }
  }

  const working = stage.kind === 'working';
  return (
    <section aria-labelledby="import-heading" className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="import-heading" className="text-sm font-semibold text-slate-900">
        Import a file
      </h2>
      <p className="text-sm text-slate-600">
        A Baseplate export (its blueprints too), a Backstage <span className="font-mono">catalog-info.yaml</span>, or entities as JSON,
        NDJSON, YAML or CSV. You see what would change before anything is written; an import never deletes.
      </p>
      <div className="flex flex-wrap items-end gap-4 text-sm text-slate-700">
        <label className="flex flex-col gap-1">
          <span className="font-medium">File</span>
          <input
            type="file"
            accept=".json,.ndjson,.jsonl,.yaml,.yml,.csv"
            disabled={working}
            onChange={(e) => void pick(e.target.files?.[0])}
            className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-1.5 file:text-indigo-700"
          />
        </label>
        {file?.format === 'csv' && (
          <label className="flex flex-col gap-1">
            <span className="font-medium">Blueprint of the rows</span>
            <select
              value={blueprint}
              onChange={(e) => setBlueprint(e.target.value)}
              className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            >
              <option value="">Choose…</option>
              {blueprints.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {file && (
        <p className="text-xs text-slate-500" data-testid="import-file">
          {file.name}: {FORMAT_NAMES[file.format]}, {formatCount(new TextEncoder().encode(file.text).length)} bytes
        </p>
      )}
      <div className="flex gap-2">
        <Button type="button" variant="secondary" disabled={!file || working} onClick={() => void act(true)}>
          Preview changes
        </Button>
        {stage.kind === 'previewed' && (
          <Button type="button" onClick={() => void act(false)}>
            Import
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-600">
          {error}
        </p>
      )}
      {stage.kind === 'working' && (
        <ProgressStatus
          text={`${stage.label}${stage.total > 1 ? `: part ${stage.done + 1} of ${stage.total}` : ''}…`}
          done={stage.done}
          total={stage.total}
          label="Import progress"
        />
      )}
      {stage.kind === 'previewed' && <ImportResult result={stage.result} heading="What would change" />}
      {done && (
        <>
          <ImportResult result={done} heading="Imported" />
          <Link href={`/t/${team}`} className="text-sm font-medium text-indigo-700 hover:underline">
            Go to the catalog
          </Link>
        </>
      )}
    </section>
  );
}

function ImportResult({ result, heading }: { result: ImportAnswer; heading: string }) {
  return (
    <div className="space-y-2">
      {result.blueprints_created.length > 0 && (
        <p className="text-sm text-slate-700">
          {plural(result.blueprints_created.length, 'blueprint', 'blueprints')} {heading === 'Imported' ? 'created' : 'to create'}:{' '}
          <span className="font-mono">{result.blueprints_created.join(', ')}</span>
        </p>
      )}
      <SyncChanges result={result} heading={heading} />
      {result.skipped > 0 && <p className="text-xs text-slate-600">{formatCount(result.skipped)} skipped (not entities).</p>}
      {result.warnings.length > 0 && (
        <details className="text-xs text-amber-800">
          <summary className="cursor-pointer">{plural(result.warnings.length, 'warning', 'warnings')}</summary>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {result.warnings.slice(0, 200).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
