'use client';

import { RELATION_TYPES, type RelationType } from '@/lib/relations/relation-types';
import {
  describeRelationChange,
  newRelationDraft,
  relationChanges,
  relationIdError,
  RELATION_TYPE_LABELS,
  type RelationDraft,
  type RelationView,
} from '@/lib/blueprint-editor/relations-model';
import { inputClass, labelClass, selectClass } from './styles';

// The blueprint's relations: the links its entities may hold to entities of a blueprint of the
// team (itself included). Each row edits id, title, target, type and whether every entity must
// have the link. What a save does to existing links (a rename keeps them; a removal, a new target
// or a narrower type removes some) is said under the list before anything is saved.

export type TargetOption = { id: string; title: string; icon: string | null };

type Props = {
  drafts: RelationDraft[];
  original?: Record<string, RelationView>;
  targets: TargetOption[];
  propertyNames: string[];
  /** Server errors keyed by pointer (`/relations/<id>/target`). */
  errors: Record<string, string>;
  onChange(drafts: RelationDraft[]): void;
};

export function RelationList({ drafts, original, targets, propertyNames, errors, onChange }: Props) {
  const set = (key: string, patch: Partial<RelationDraft>) => onChange(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const changes = relationChanges(original, drafts);
  const removed = Object.keys(original ?? {}).filter((id) => !drafts.some((d) => d.origin === id));
  const restore = (id: string) => {
    const view = original![id];
    const taken = drafts.some((d) => d.id === id);
    onChange([
      ...drafts,
      {
        ...newRelationDraft(drafts, view.target),
        id: taken ? `${id}_restored` : id,
        title: view.title ?? '',
        type: view.type,
        required: view.required,
        origin: id,
      },
    ]);
  };

  return (
    <section aria-labelledby="relations-heading" className="space-y-2">
      <h2 id="relations-heading" className="text-sm font-medium text-slate-700">
        Relations
      </h2>
      <p className="text-xs text-slate-500">
        Links from these entities to entities of another blueprint (or this one). Entity forms offer a picker for each.
      </p>
      {drafts.length === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-500">No relations yet.</p>
      )}
      <ul className="space-y-2">
        {drafts.map((draft, index) => {
          const label = draft.id || 'new relation';
          const pointer = `/relations/${draft.origin && errors[`/relations/${draft.origin}`] ? draft.origin : draft.id}`;
          const idError = relationIdError(draft, drafts, propertyNames) ?? errors[pointer] ?? errors[`${pointer}/renamed_from`];
          const targetError = errors[`${pointer}/target`];
          const renamed = draft.origin && draft.origin !== draft.id;
          return (
            <li key={draft.key} className="rounded-lg border border-slate-200 bg-white p-2 shadow-sm" data-testid={`relation-def-${index}`}>
              <div className="grid grid-cols-[10rem_minmax(0,1fr)_auto] items-end gap-2">
                <label className="space-y-1">
                  <span className={labelClass}>Id</span>
                  <input
                    aria-label="Relation id"
                    aria-invalid={idError ? true : undefined}
                    value={draft.id}
                    onChange={(e) => set(draft.key, { id: e.target.value })}
                    className={`${inputClass} block w-full font-mono`}
                  />
                </label>
                <label className="space-y-1">
                  <span className={labelClass}>Title</span>
                  <input
                    aria-label={`Title of ${label}`}
                    value={draft.title}
                    placeholder="Runs on"
                    onChange={(e) => set(draft.key, { title: e.target.value })}
                    className={`${inputClass} block w-full`}
                  />
                </label>
                <button
                  type="button"
                  onClick={() => onChange(drafts.filter((d) => d.key !== draft.key))}
                  aria-label={`Remove relation ${label}`}
                  className="mb-0.5 rounded p-1.5 text-slate-500 hover:bg-red-50 hover:text-red-600"
                >
                  ✕
                </button>
              </div>
              <div className="mt-2 flex flex-wrap items-end gap-2">
                <label className="space-y-1">
                  <span className={labelClass}>Links to</span>
                  <select
                    aria-label={`Target of ${label}`}
                    aria-invalid={targetError ? true : undefined}
                    value={draft.target}
                    onChange={(e) => set(draft.key, { target: e.target.value })}
                    className={`${selectClass} block w-52`}
                  >
                    {!targets.some((t) => t.id === draft.target) && (
                      <option value={draft.target}>{draft.target || 'Pick a blueprint'}</option>
                    )}
                    {targets.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.icon ? `${t.icon} ` : ''}
                        {t.title}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="space-y-1">
                  <span className={labelClass}>Cardinality</span>
                  <select
                    aria-label={`Cardinality of ${label}`}
                    value={draft.type}
                    onChange={(e) => set(draft.key, { type: e.target.value as RelationType })}
                    className={`${selectClass} block w-40`}
                  >
                    {RELATION_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {RELATION_TYPE_LABELS[t].label}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="flex items-center gap-1.5 pb-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    checked={draft.required}
                    onChange={(e) => set(draft.key, { required: e.target.checked })}
                    className="h-4 w-4 rounded border-slate-300 text-indigo-600"
                  />
                  Required
                </label>
              </div>
              <p className="mt-1 text-xs text-slate-500">{RELATION_TYPE_LABELS[draft.type].hint}</p>
              {renamed && <p className="mt-1 text-xs text-indigo-700">Renamed from “{draft.origin}”: its links are kept.</p>}
              {(idError || targetError) && (
                <p role="alert" className="mt-1 text-xs font-medium text-red-600">
                  {idError ?? targetError}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        disabled={targets.length === 0}
        onClick={() => onChange([...drafts, newRelationDraft(drafts, targets[0]?.id ?? '')])}
        className="rounded-md border border-dashed border-indigo-300 px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-50"
      >
        + Add relation
      </button>
      {changes.length > 0 && (
        <div
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          aria-label="Relation changes on save"
        >
          <p className="font-medium">On save:</p>
          <ul className="list-disc pl-5 text-xs">
            {changes.map((c) => (
              <li key={JSON.stringify(c)}>{describeRelationChange(c)}</li>
            ))}
          </ul>
          {removed.length > 0 && (
            <p className="mt-1 flex flex-wrap gap-2 text-xs">
              {removed.map((id) => (
                <button
                  key={id}
                  type="button"
                  onClick={() => restore(id)}
                  className="rounded border border-amber-300 bg-white px-2 py-0.5 font-medium hover:bg-amber-100"
                >
                  Undo removing “{id}”
                </button>
              ))}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
