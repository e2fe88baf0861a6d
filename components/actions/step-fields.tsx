'use client';

import type { ReactNode } from 'react';
import { inputClass, labelClass, selectClass } from '@/components/blueprint-editor/styles';
import { WEBHOOK_METHODS, type WebhookMethod } from '@/lib/actions/action-types';
import { HeadersEditor } from './headers-editor';
import type { StepDraft } from './step-draft';

type Errors = Map<string, string>;

/** One labelled setting of a step, with its error (keys `steps.N.<field>`). */
function Setting({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

const textArea = `${inputClass} block w-full font-mono text-xs`;

// The settings of one step by its type. Every string may hold "{{ template }}" expressions.
export function StepFields({
  step,
  index,
  errors,
  blueprints,
  onChange,
}: {
  step: StepDraft;
  index: number;
  errors: Errors;
  blueprints: Array<{ id: string; title: string }>;
  onChange(next: StepDraft): void;
}) {
  const id = (field: string) => `step-${step.key}-${field}`;
  const err = (field: string) => errors.get(`steps.${index}.${field}`);
  const label = `Step ${index + 1}`;
  if (step.type === 'approval')
    return <p className="text-sm text-slate-600">The run waits here until someone with action:approve approves it.</p>;
  if (step.type === 'webhook') {
    const set = (patch: Partial<typeof step>) => onChange({ ...step, ...patch });
    return (
      <div className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-[7rem_minmax(0,1fr)]">
          <Setting id={id('method')} label="Method" error={err('method')}>
            <select
              id={id('method')}
              value={step.method}
              onChange={(e) => set({ method: e.target.value as WebhookMethod })}
              className={`${selectClass} w-full`}
            >
              {WEBHOOK_METHODS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </Setting>
          <Setting id={id('url')} label="URL" error={err('url')}>
            <input
              id={id('url')}
              value={step.url}
              onChange={(e) => set({ url: e.target.value })}
              placeholder="https://ci.example.com/hooks/deploy"
              aria-invalid={err('url') ? true : undefined}
              className={`${inputClass} w-full font-mono`}
            />
          </Setting>
        </div>
        <HeadersEditor headers={step.headers} onChange={(headers) => set({ headers })} label={label} />
        {err('headers') && (
          <p role="alert" className="text-xs font-medium text-red-600">
            {err('headers')}
          </p>
        )}
        <Setting
          id={id('body')}
          label="Body (JSON)"
          error={err('body')}
          hint="Empty: the run, the action, the inputs, the entity and the actor."
        >
          <textarea
            id={id('body')}
            value={step.body}
            onChange={(e) => set({ body: e.target.value })}
            rows={5}
            spellCheck={false}
            placeholder={'{\n  "service": "{{ entity.identifier }}",\n  "env": "{{ inputs.env }}"\n}'}
            aria-invalid={err('body') ? true : undefined}
            className={textArea}
          />
        </Setting>
        <div className="grid gap-3 sm:grid-cols-3">
          <Setting id={id('timeout')} label="Timeout (ms)" error={err('timeout_ms')}>
            <input
              id={id('timeout')}
              inputMode="numeric"
              value={step.timeoutMs}
              onChange={(e) => set({ timeoutMs: e.target.value })}
              className={`${inputClass} w-full`}
            />
          </Setting>
          <Setting id={id('retries')} label="Retries" error={err('retries')}>
            <input
              id={id('retries')}
              inputMode="numeric"
              value={step.retries}
              onChange={(e) => set({ retries: e.target.value })}
              className={`${inputClass} w-full`}
            />
          </Setting>
          {step.waitForReport && (
            <Setting id={id('report')} label="Report timeout (s)" error={err('report_timeout_s')}>
              <input
                id={id('report')}
                inputMode="numeric"
                value={step.reportTimeoutS}
                onChange={(e) => set({ reportTimeoutS: e.target.value })}
                placeholder="3600"
                className={`${inputClass} w-full`}
              />
            </Setting>
          )}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={step.waitForReport}
            onChange={(e) => set({ waitForReport: e.target.checked })}
            className="h-4 w-4 rounded border-slate-300 text-indigo-600"
          />
          Wait for the external system to report the result (PATCH of the run with its token)
        </label>
      </div>
    );
  }
  const set = (patch: Partial<typeof step>) => onChange({ ...step, ...patch } as StepDraft);
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Setting id={id('blueprint')} label="Blueprint" error={err('blueprint')}>
          <select
            id={id('blueprint')}
            value={step.blueprint}
            onChange={(e) => set({ blueprint: e.target.value })}
            className={`${selectClass} w-full`}
          >
            <option value="">Pick a blueprint</option>
            {blueprints.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </Setting>
        <Setting id={id('identifier')} label="Identifier" error={err('identifier')}>
          <input
            id={id('identifier')}
            value={step.identifier}
            onChange={(e) => set({ identifier: e.target.value })}
            className={`${inputClass} w-full font-mono`}
          />
        </Setting>
      </div>
      {step.type === 'upsert-entity' && (
        <>
          <Setting id={id('title')} label="Title" error={err('title')}>
            <input
              id={id('title')}
              value={step.title}
              onChange={(e) => set({ title: e.target.value })}
              className={`${inputClass} w-full`}
            />
          </Setting>
          <Setting id={id('data')} label="Properties (JSON)" error={err('data')} hint="Merged into the entity's properties.">
            <textarea
              id={id('data')}
              value={step.data}
              onChange={(e) => set({ data: e.target.value })}
              rows={4}
              spellCheck={false}
              className={textArea}
            />
          </Setting>
          <Setting id={id('relations')} label="Relations (JSON, optional)" error={err('relations')}>
            <textarea
              id={id('relations')}
              value={step.relations}
              onChange={(e) => set({ relations: e.target.value })}
              rows={2}
              spellCheck={false}
              className={textArea}
            />
          </Setting>
        </>
      )}
    </div>
  );
}
