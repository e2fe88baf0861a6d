'use client';

import { useMemo } from 'react';
import { IconPicker } from '@/components/blueprint-editor/icon-picker';
import { selectClass } from '@/components/blueprint-editor/styles';
import { ConditionField } from '@/components/scorecards/condition-field';
import { Field } from '@/components/ui/field';
import { TRIGGERS, type Trigger } from '@/lib/actions/action-types';
import { fieldsOf } from '@/lib/catalog-view/fields';
import { emptyGroup } from '@/lib/catalog-view/rule-tree';
import { IDENTIFIER_HINT, suggestIdentifier, type ActionDraft } from './action-draft';
import { TRIGGER_LABELS } from './action-view';

/** A blueprint the action may belong to, with its schema (the condition's fields). */
export type BlueprintChoice = { id: string; title: string; icon: string | null; schema: unknown };

const section = 'rounded-xl border border-slate-200 bg-white p-5 shadow-sm';

function ErrorText({ text }: { text?: string }) {
  return text ? (
    <p role="alert" className="text-xs font-medium text-red-600">
      {text}
    </p>
  ) : null;
}

// What the action is, where it is offered (blueprint, trigger, condition) and its approval policy.
export function ActionBasics({
  draft,
  creating,
  blueprints,
  errors,
  onEdit,
}: {
  draft: ActionDraft;
  creating: boolean;
  blueprints: BlueprintChoice[];
  errors: Map<string, string>;
  onEdit(fn: (d: ActionDraft) => ActionDraft): void;
}) {
  const schema = blueprints.find((b) => b.id === draft.blueprint)?.schema;
  const fields = useMemo(() => fieldsOf(schema), [schema]);
  return (
    <>
      <section className={`${section} grid gap-4 md:grid-cols-2`} aria-label="About the action">
        <Field
          label="Title"
          name="title"
          value={draft.title}
          error={errors.get('title')}
          onChange={(e) => {
            const title = e.target.value;
            onEdit((d) => ({ ...d, title, identifier: d.identifierTouched || !creating ? d.identifier : suggestIdentifier(title) }));
          }}
        />
        <Field
          label="Identifier"
          name="identifier"
          value={draft.identifier}
          disabled={!creating}
          error={errors.get('identifier')}
          hint={creating ? IDENTIFIER_HINT : 'An action keeps its identifier.'}
          onChange={(e) => onEdit((d) => ({ ...d, identifier: e.target.value, identifierTouched: true }))}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm disabled:bg-slate-50 disabled:text-slate-500"
        />
        <div className="md:col-span-2">
          <Field
            label="Description"
            name="description"
            value={draft.description}
            error={errors.get('description')}
            placeholder="What running it does"
            onChange={(e) => onEdit((d) => ({ ...d, description: e.target.value }))}
          />
        </div>
        <div className="space-y-1">
          <span className="block text-sm font-medium text-slate-700">Icon</span>
          <IconPicker value={draft.icon || null} onChange={(icon) => onEdit((d) => ({ ...d, icon: icon ?? '' }))} />
        </div>
        <label className="flex items-center gap-2 self-end text-sm text-slate-700">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => onEdit((d) => ({ ...d, enabled: e.target.checked }))}
            className="h-4 w-4 rounded border-slate-300 text-indigo-600"
          />
          Enabled (people can run it)
        </label>
      </section>

      <section className={`${section} grid gap-4 md:grid-cols-2`} aria-labelledby="where-heading">
        <h2 id="where-heading" className="text-sm font-semibold text-slate-900 md:col-span-2">
          Where it is offered
        </h2>
        <div className="space-y-1">
          <label htmlFor="action-blueprint" className="block text-sm font-medium text-slate-700">
            Blueprint
          </label>
          <select
            id="action-blueprint"
            value={draft.blueprint}
            onChange={(e) => onEdit((d) => ({ ...d, blueprint: e.target.value, condition: emptyGroup() }))}
            className={`${selectClass} w-full`}
          >
            <option value="">Pick a blueprint</option>
            {blueprints.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
          <ErrorText text={errors.get('blueprint')} />
        </div>
        <div className="space-y-1">
          <label htmlFor="action-trigger" className="block text-sm font-medium text-slate-700">
            Trigger
          </label>
          <select
            id="action-trigger"
            value={draft.trigger}
            onChange={(e) => onEdit((d) => ({ ...d, trigger: e.target.value as Trigger }))}
            className={`${selectClass} w-full`}
          >
            {TRIGGERS.map((t) => (
              <option key={t} value={t}>
                {TRIGGER_LABELS[t]}
              </option>
            ))}
          </select>
          <ErrorText text={errors.get('trigger')} />
        </div>
        {draft.trigger !== 'create' && draft.blueprint && (
          <div className="space-y-1 md:col-span-2">
            <span className="block text-sm font-medium text-slate-700">Offered on</span>
            <ConditionField
              label="Offered on"
              empty="Every entity of the blueprint"
              value={draft.condition}
              fields={fields}
              error={errors.get('condition')}
              onChange={(condition) => onEdit((d) => ({ ...d, condition }))}
            />
          </div>
        )}
        <fieldset className="space-y-2 md:col-span-2">
          <legend className="text-sm font-medium text-slate-700">Approval</legend>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={draft.approvalRequired}
              onChange={(e) => onEdit((d) => ({ ...d, approvalRequired: e.target.checked }))}
              className="h-4 w-4 rounded border-slate-300 text-indigo-600"
            />
            A run waits for an approval before its first step
          </label>
          {draft.approvalRequired && (
            <label className="ml-6 flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={draft.allowSelf}
                onChange={(e) => onEdit((d) => ({ ...d, allowSelf: e.target.checked }))}
                className="h-4 w-4 rounded border-slate-300 text-indigo-600"
              />
              The requester may approve their own run
            </label>
          )}
          <ErrorText text={errors.get('approval')} />
        </fieldset>
      </section>
    </>
  );
}
