'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { CatalogContext, type CatalogBlueprint } from '@/components/catalog/catalog-context';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EditorSaveBox } from '@/components/ui/editor-save-box';
import { Field } from '@/components/ui/field';
import { fieldsOf, type RelationInfo } from '@/lib/catalog-view/fields';
import { api } from '@/lib/web/api-client';
import { ConditionField } from './condition-field';
import { addLevel, addRule, changeLevel, changeRule, changeTitle, moveLevel, moveRule, removeLevel, removeRule } from './draft-edits';
import { LevelList } from './level-list';
import { PreviewPanel } from './preview-panel';
import { RuleCard } from './rule-card';
import { problemOf, type SaveProblem } from './save-scorecard';
import { bodyOf, draftFromView, draftProblems, previewBodyOf, type ScorecardDraft } from './scorecard-draft';
import { scorecardHref, scorecardKeys, scorecardsApiPath, scorecardsHref } from './scorecard-paths';
import type { ScorecardView } from './scorecard-types';
import { useScorecardPreview } from './use-scorecard-preview';
import { useUnsavedGuard } from '@/components/ui/use-unsaved-guard';
import { notifyOutcome } from '@/components/ui/notify';

// The scorecard editor: title and identifier, levels, which entities it applies to, and the rules
// (each condition built with the catalog's filter builder), with a live preview of the draft's
// counts beside them. Saves through the REST API (If-Match on a change); refusals are shown at
// the field they name. Without scorecard:write the same page is read-only.

export type EditorProps = {
  team: string;
  blueprint: string;
  schema: unknown;
  relations: RelationInfo[];
  blueprints: CatalogBlueprint[];
  canWrite: boolean;
  /** The scorecard being edited and its ETag; null to create one. */
  initial: { view: ScorecardView; etag: string | null } | null;
};

const NO_PROBLEM: SaveProblem = { fields: new Map(), message: null, stale: false };

export function ScorecardEditor({ team, blueprint, schema, relations, blueprints, canWrite, initial }: EditorProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const creating = initial === null;
  const fields = useMemo(() => fieldsOf(schema, relations), [schema, relations]);
  const context = useMemo(() => ({ team, blueprints }), [team, blueprints]);
  const [draft, setDraft] = useState<ScorecardDraft>(() => draftFromView(initial?.view ?? null));
  const [baseline] = useState(() => JSON.stringify(bodyOf(draft, creating)));
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<SaveProblem>(NO_PROBLEM);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const dirty = canWrite && !saved && JSON.stringify(bodyOf(draft, creating)) !== baseline;
  useUnsavedGuard(dirty, 'this scorecard');

  const previewBody = previewBodyOf(draft);
  const preview = useScorecardPreview(team, blueprint, previewBody);
  const previewProblem = preview.error ? problemOf(preview.error) : NO_PROBLEM;
  const local = draftProblems(draft, creating);
  // Local checks once a save was tried; the server's (save, then preview) at the fields they name.
  const errors = new Map([...previewProblem.fields, ...(checked ? local : []), ...problem.fields]);
  const edit = (fn: (d: ScorecardDraft) => ScorecardDraft) => setDraft((d) => fn(d));
  const ruleCounts = new Map<string, number>();
  for (const r of draft.rules) ruleCounts.set(r.level, (ruleCounts.get(r.level) ?? 0) + 1);

  async function save() {
    setChecked(true);
    setProblem(NO_PROBLEM);
    if (local.size) return setProblem({ fields: new Map(), message: 'Some fields need attention: see the messages in red.', stale: false });
    setSaving(true);
    try {
      const path = scorecardsApiPath(team, blueprint, creating ? undefined : initial.view.identifier);
      const answer = await api<ScorecardView>(path, {
        method: creating ? 'POST' : 'PUT',
        body: bodyOf(draft, creating),
        headers: creating || !initial.etag ? undefined : { 'If-Match': initial.etag },
      });
      setSaved(true);
      notifyOutcome('scorecard', draft.title || answer.identifier, creating ? 'created' : 'saved');
      await queryClient.invalidateQueries({ queryKey: scorecardKeys.all(team, blueprint) });
      router.push(scorecardHref(team, blueprint, answer.identifier));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    try {
      await api(scorecardsApiPath(team, blueprint, initial!.view.identifier), {
        method: 'DELETE',
        headers: initial!.etag ? { 'If-Match': initial!.etag } : undefined,
      });
      setSaved(true);
      notifyOutcome('scorecard', initial!.view.title || initial!.view.identifier, 'deleted');
      await queryClient.invalidateQueries({ queryKey: scorecardKeys.all(team, blueprint) });
      router.push(scorecardsHref(team, blueprint));
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  function cancel() {
    if (dirty && !window.confirm('Leave without saving your changes?')) return;
    const sc = initial?.view.identifier;
    router.push(sc ? scorecardHref(team, blueprint, sc) : scorecardsHref(team, blueprint));
  }

  return (
    <CatalogContext.Provider value={context}>
      {!canWrite && (
        <p role="status" className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600">
          You can read this scorecard; changing it needs the scorecard:write permission.
        </p>
      )}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <fieldset disabled={!canWrite || saving} className="min-w-0 space-y-6">
          <legend className="sr-only">Scorecard</legend>
          <section className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-2">
            <Field
              label="Title"
              name="title"
              value={draft.title}
              error={errors.get('title')}
              onChange={(e) => edit((d) => changeTitle(d, e.target.value))}
            />
            <Field
              label="Identifier"
              name="identifier"
              value={draft.identifier}
              disabled={!creating}
              error={errors.get('identifier')}
              hint={creating ? 'Used in URLs, the API and search rules; cannot change later.' : 'A scorecard keeps its identifier.'}
              onChange={(e) => edit((d) => ({ ...d, identifier: e.target.value, identifierTouched: true }))}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm disabled:bg-slate-50 disabled:text-slate-500"
            />
            <div className="md:col-span-2">
              <Field
                label="Description"
                name="description"
                value={draft.description}
                error={errors.get('description')}
                placeholder="What reaching the top level means"
                onChange={(e) => edit((d) => ({ ...d, description: e.target.value }))}
              />
            </div>
          </section>

          <section aria-labelledby="levels-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="levels-heading" className="text-sm font-semibold text-slate-900">
              Levels
            </h2>
            <p className="mb-3 text-xs text-slate-500">
              Lowest first. An entity reaches a level when it passes every rule of that level and of the levels below.
            </p>
            <LevelList
              levels={draft.levels}
              ruleCounts={ruleCounts}
              errors={errors}
              onChange={(key, patch) => edit((d) => changeLevel(d, key, patch))}
              onMove={(key, delta) => edit((d) => moveLevel(d, key, delta))}
              onRemove={(key) => edit((d) => removeLevel(d, key))}
              onAdd={() => edit(addLevel)}
            />
            {errors.get('levels') && (
              <p role="alert" className="mt-2 text-xs font-medium text-red-600">
                {errors.get('levels')}
              </p>
            )}
          </section>

          <section aria-labelledby="filter-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="filter-heading" className="mb-3 text-sm font-semibold text-slate-900">
              Applies to
            </h2>
            <ConditionField
              label="Applies to"
              empty="Every entity of the blueprint"
              value={draft.filter}
              fields={fields}
              error={errors.get('filter')}
              readOnly={!canWrite}
              onChange={(filter) => edit((d) => ({ ...d, filter }))}
            />
          </section>

          <section aria-labelledby="rules-heading">
            <h2 id="rules-heading" className="mb-3 text-sm font-semibold text-slate-900">
              Rules
            </h2>
            {errors.get('rules') && (
              <p role="alert" className="mb-2 text-xs font-medium text-red-600">
                {errors.get('rules')}
              </p>
            )}
            <ol className="space-y-3">
              {draft.rules.map((rule, i) => (
                <RuleCard
                  key={rule.key}
                  rule={rule}
                  index={i}
                  count={draft.rules.length}
                  levels={draft.levels}
                  fields={fields}
                  errors={errors}
                  preview={
                    preview.data && previewBody
                      ? { counts: preview.data.rules.find((r) => r.identifier === `r${i}`), total: preview.data.total }
                      : null
                  }
                  onChange={(patch) => edit((d) => changeRule(d, rule.key, patch))}
                  onMove={(delta) => edit((d) => moveRule(d, rule.key, delta))}
                  onRemove={() => edit((d) => removeRule(d, rule.key))}
                />
              ))}
            </ol>
            {draft.rules.length === 0 && <p className="text-sm text-slate-500">No rules yet: every entity stays at the first level.</p>}
            <Button variant="secondary" size="sm" className="mt-3" onClick={() => edit(addRule)}>
              + Add rule
            </Button>
          </section>
        </fieldset>

        <aside className="space-y-4 xl:sticky xl:top-20 xl:self-start">
          <PreviewPanel
            data={preview.data}
            error={preview.error}
            pending={preview.isFetching}
            stale={preview.isPlaceholderData}
            blocked={previewBody === null}
          />
          {canWrite && (
            <EditorSaveBox
              problem={problem}
              saving={saving}
              dirty={dirty}
              saveLabel={creating ? 'Create scorecard' : 'Save changes'}
              onSave={() => void save()}
              onCancel={cancel}
            >
              {!creating && (
                <ConfirmButton label="Delete scorecard" confirmLabel="Delete it and its history" size="sm" onConfirm={remove} />
              )}
            </EditorSaveBox>
          )}
        </aside>
      </div>
    </CatalogContext.Provider>
  );
}
