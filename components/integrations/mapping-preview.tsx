'use client';

import { useEffect, useState } from 'react';
import { mapItems, type MapOutcome } from '@/lib/ingest/map-items';
import { compileMappingsOrFaults } from '@/lib/integrations/compile-mappings';
import type { MappingInput } from '@/lib/integrations/integration-schemas';

// The mappings applied to a pasted sample item, live, in the browser: the same compiler and
// mapper as the server's (lib/integrations, lib/ingest), with the same limits, so what shows
// here is what a sync of that item would map (validation against the blueprint comes on sync).

const SAMPLE = JSON.stringify({ id: 'payments-api', name: 'Payments API', language: 'go', team: 'payments' }, null, 2);

type Preview = { state: 'idle' } | { state: 'error'; message: string } | { state: 'done'; outcome: MapOutcome };

function itemsOf(text: string): unknown[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.slice(0, 20) : [parsed];
}

export function MappingPreview({ mappings }: { mappings: MappingInput[] }) {
  const [sample, setSample] = useState(SAMPLE);
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const key = JSON.stringify(mappings);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      let items: unknown[];
      try {
        items = itemsOf(sample);
      } catch {
        setPreview({ state: 'error', message: 'The sample is not valid JSON.' });
        return;
      }
      const { compiled, faults } = compileMappingsOrFaults(JSON.parse(key) as MappingInput[]);
      if (faults.length) {
        setPreview({ state: 'error', message: `Fix the mappings first: ${faults[0].path} does not compile.` });
        return;
      }
      mapItems(compiled, items).then(
        (outcome) => current && setPreview({ state: 'done', outcome }),
        (error: unknown) => current && setPreview({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [sample, key]);

  return (
    <section aria-labelledby="preview-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="preview-heading" className="text-sm font-semibold text-slate-900">
        Preview
      </h2>
      <label htmlFor="sample-item" className="block text-xs text-slate-600">
        A sample item (JSON; an array for several)
      </label>
      <textarea
        id="sample-item"
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        rows={8}
        spellCheck={false}
        className="block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-xs shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
      />
      <div aria-live="polite" data-testid="mapping-preview">
        {preview.state === 'error' && <p className="text-xs font-medium text-red-600">{preview.message}</p>}
        {preview.state === 'done' && (
          <div className="space-y-2">
            {preview.outcome.records.length === 0 && preview.outcome.failures.length === 0 && (
              <p className="text-xs text-slate-600">No mapping takes this item (its selectors are all false).</p>
            )}
            {preview.outcome.records.map((r, i) => (
              <div key={i}>
                <p className="text-xs font-medium text-slate-700">
                  {r.blueprint} <span className="font-mono">{r.identifier}</span>
                </p>
                <pre className="max-h-60 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-800">
                  {JSON.stringify({ title: r.title, properties: r.properties, relations: r.relations }, null, 2)}
                </pre>
              </div>
            ))}
            {preview.outcome.failures.map((f, i) => (
              <p key={i} className="text-xs font-medium text-red-600">
                Item {f.index + 1}
                {f.path ? ` at ${f.path}` : ''}: {f.message}
              </p>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
