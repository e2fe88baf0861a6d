'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { entityApiPath } from '@/components/entity/entity-href';
import { EntityPicker } from '@/components/ui/entity-picker';
import type { ActionStep } from '@/lib/actions/action-types';
import { renderTemplate, TemplateError } from '@/lib/actions/template';
import { defaultsFor } from '@/lib/forms/schema-to-fields';
import { api } from '@/lib/web/api-client';

// The steps' templates evaluated in the browser, with the same JSONata module and limits as the
// runner (lib/actions/template.ts), over a sample scope: an entity of the blueprint the person
// picks, sample inputs (the inputs' defaults, editable as JSON), a placeholder run and actor.

type Rendered = { ok: true; steps: unknown } | { ok: false; path: string; message: string };

export function TemplatePreview({
  team,
  action,
  blueprint,
  noun,
  withEntity,
  inputsSchema,
  steps,
}: {
  team: string;
  /** The action's identifier (as far as typed). */
  action: string;
  blueprint: string;
  /** What an entity of the blueprint is called ("service"), for the picker. */
  noun: string;
  withEntity: boolean;
  inputsSchema: Record<string, unknown>;
  steps: ActionStep[];
}) {
  const id = useId();
  const [sample, setSample] = useState<string>('');
  const [inputsText, setInputsText] = useState(() => JSON.stringify(defaultsFor(inputsSchema), null, 2));
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const entity = useQuery({
    queryKey: ['team', team, 'blueprints', blueprint, 'entities', sample, 'template-sample'],
    queryFn: () => api<Record<string, unknown>>(entityApiPath(team, blueprint, sample)),
    enabled: withEntity && sample !== '',
  });
  const stepsKey = JSON.stringify(steps);

  const sampleInputs = useMemo(() => {
    try {
      return { ok: true as const, value: inputsText.trim() ? (JSON.parse(inputsText) as unknown) : {} };
    } catch {
      return { ok: false as const };
    }
  }, [inputsText]);

  useEffect(() => {
    if (!sampleInputs.ok) return;
    let cancelled = false;
    const scope = {
      inputs: sampleInputs.value,
      entity: withEntity ? (entity.data ?? null) : null,
      // The runner's run scope (lib/runs/run-scope.ts), with placeholder values.
      run: {
        id: '00000000-0000-0000-0000-000000000000',
        token: 'bprun_preview',
        action: action || 'preview',
        blueprint,
        entity: withEntity ? sample || null : null,
        status: 'running',
        step: 0,
      },
      actor: { type: 'user', id: 'preview', email: 'you@example.com', name: 'You' },
    };
    renderTemplate(JSON.parse(stepsKey), scope, '/steps')
      .then((out) => !cancelled && setRendered({ ok: true, steps: out }))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof TemplateError) setRendered({ ok: false, path: error.path, message: error.message });
        else setRendered({ ok: false, path: '', message: error instanceof Error ? error.message : 'The template failed' });
      });
    return () => {
      cancelled = true;
    };
  }, [stepsKey, sampleInputs, entity.data, withEntity, action, blueprint, sample]);
  const shown: Rendered | null = sampleInputs.ok ? rendered : { ok: false, path: 'sample inputs', message: 'Not valid JSON' };

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-heading`} className="text-sm font-semibold text-slate-900">
        Template preview
      </h2>
      <p className="text-xs text-slate-500">
        Strings may hold JSONata as <code>{'{{ expression }}'}</code> over <code>inputs</code>, <code>entity</code>, <code>run</code> and{' '}
        <code>actor</code>.
      </p>
      {withEntity && blueprint && (
        <div className="space-y-1">
          <label htmlFor={`${id}-entity`} className="block text-xs font-medium text-slate-600">
            Sample entity
          </label>
          <EntityPicker
            id={`${id}-entity`}
            team={team}
            blueprint={blueprint}
            noun={noun}
            multiple={false}
            value={sample ? [sample] : []}
            onChange={(next) => setSample(next[0] ?? '')}
          />
          {!sample && <p className="text-xs text-slate-500">Until you pick one, expressions over entity give no value.</p>}
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor={`${id}-inputs`} className="block text-xs font-medium text-slate-600">
          Sample inputs (JSON)
        </label>
        <textarea
          id={`${id}-inputs`}
          value={inputsText}
          onChange={(e) => setInputsText(e.target.value)}
          rows={4}
          spellCheck={false}
          className="block w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs shadow-sm"
        />
      </div>
      <div aria-live="polite" data-testid="template-preview">
        {shown === null ? null : shown.ok ? (
          <pre
            tabIndex={0}
            aria-label="The steps rendered"
            className="max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-800"
          >
            {JSON.stringify(shown.steps, null, 2)}
          </pre>
        ) : (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-700">
            {shown.path && <code className="mr-1">{shown.path}</code>}
            {shown.message}
          </p>
        )}
      </div>
    </section>
  );
}
