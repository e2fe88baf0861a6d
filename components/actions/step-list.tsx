'use client';

import { selectClass } from '@/components/blueprint-editor/styles';
import { moveStep } from './action-draft';
import { blankStep, STEP_TYPES, type StepDraft, type StepType } from './step-draft';
import { StepFields } from './step-fields';

// The ordered steps of an action: add one of a type, remove, move up and down; each step's
// settings below its title line.
export function StepList({
  steps,
  errors,
  blueprint,
  blueprints,
  onChange,
}: {
  steps: StepDraft[];
  errors: Map<string, string>;
  blueprint: string;
  blueprints: Array<{ id: string; title: string }>;
  onChange(next: StepDraft[]): void;
}) {
  const names = new Map(STEP_TYPES);
  return (
    <div className="space-y-3">
      {errors.get('steps') && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {errors.get('steps')}
        </p>
      )}
      <ol className="space-y-3">
        {steps.map((step, i) => (
          <li key={step.key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`step-${i}`}>
            <div className="mb-3 flex items-center gap-2">
              <span className="text-xs font-medium text-slate-500">{i + 1}.</span>
              <h3 className="text-sm font-semibold text-slate-900">{names.get(step.type)}</h3>
              <span className="ml-auto flex items-center">
                <button
                  type="button"
                  onClick={() => onChange(moveStep(steps, i, -1))}
                  disabled={i === 0}
                  className="rounded px-1.5 py-1 text-slate-500 hover:bg-slate-100 disabled:opacity-30"
                  aria-label={`Move step ${i + 1} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  onClick={() => onChange(moveStep(steps, i, 1))}
                  disabled={i === steps.length - 1}
                  className="rounded px-1.5 py-1 text-slate-500 hover:bg-slate-100 disabled:opacity-30"
                  aria-label={`Move step ${i + 1} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  onClick={() => onChange(steps.filter((s) => s.key !== step.key))}
                  className="rounded px-1.5 py-1 text-red-600 hover:bg-red-50"
                  aria-label={`Remove step ${i + 1}`}
                >
                  ✕
                </button>
              </span>
            </div>
            {errors.get(`steps.${i}`) && (
              <p role="alert" className="mb-2 text-xs font-medium text-red-600">
                {errors.get(`steps.${i}`)}
              </p>
            )}
            <StepFields
              step={step}
              index={i}
              errors={errors}
              blueprints={blueprints}
              onChange={(next) => onChange(steps.map((s) => (s.key === step.key ? next : s)))}
            />
          </li>
        ))}
      </ol>
      <select
        aria-label="Add a step"
        value=""
        onChange={(e) => e.target.value && onChange([...steps, blankStep(e.target.value as StepType, blueprint)])}
        className={selectClass}
      >
        <option value="">+ Add a step…</option>
        {STEP_TYPES.map(([type, name]) => (
          <option key={type} value={type}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
