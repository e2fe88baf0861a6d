'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { BuilderOptionsContext, ENTITY_FORMAT } from '@/components/blueprint-editor/builder-options';
import { PropertyList } from '@/components/blueprint-editor/property-list';
import { FORMATS } from '@/components/blueprint-editor/styles';
import { CatalogContext } from '@/components/catalog/catalog-context';
import { useUnsavedGuard } from '@/components/ui/use-unsaved-guard';
import { NO_PROBLEM, type SaveProblem } from '@/components/ui/save-problem';
import { api } from '@/lib/web/api-client';
import { buildAction, draftFromView, inputErrors, type ActionDraft } from './action-draft';
import { ActionBasics, type BlueprintChoice } from './action-basics';
import { ActionSaveBox } from './action-save-box';
import { actionKeys, actionsApi, actionsHref, editActionHref } from './action-paths';
import type { ActionView, CreatedAction } from './action-view';
import { problemOf } from './save-action';
import { SigningSecretDialog } from './signing-secret';
import { StepList } from './step-list';
import { TemplatePreview } from './template-preview';
import { notifyOutcome } from '@/components/ui/notify';

// The action editor: what it is (identifier, title, icon, blueprint, trigger, condition), the
// inputs people fill in (the blueprint editor's property builder), the steps, and the approval;
// a live template preview beside them. Saves through the REST API (If-Match on a change);
// refusals are shown at the fields they name. Without action:write the same page is read-only.

export type ActionEditorProps = {
  team: string;
  blueprints: BlueprintChoice[];
  canWrite: boolean;
  /** The action being edited and its ETag; null to create one (`blueprint` preselected). */
  initial: { view: ActionView; etag: string | null } | null;
  blueprint?: string;
};

const section = 'rounded-xl border border-slate-200 bg-white p-5 shadow-sm';

export function ActionEditor({ team, blueprints, canWrite, initial, blueprint }: ActionEditorProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const creating = initial === null;
  const [draft, setDraft] = useState<ActionDraft>(() => draftFromView(initial?.view ?? null, blueprint ?? blueprints[0]?.id ?? ''));
  const [baseline] = useState(() => JSON.stringify(buildAction(draft, creating).body));
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<SaveProblem>(NO_PROBLEM);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<{ value: string; next: string } | null>(null);
  const built = buildAction(draft, creating);
  const dirty = canWrite && !saved && JSON.stringify(built.body) !== baseline;
  useUnsavedGuard(dirty, 'this action');

  const errors = new Map([...(checked ? built.problems : []), ...problem.fields]);
  const edit = (fn: (d: ActionDraft) => ActionDraft) => setDraft((d) => fn(d));
  const choices = useMemo(() => blueprints.map(({ id, title }) => ({ id, title })), [blueprints]);
  const builderOptions = useMemo(() => ({ formats: [...FORMATS, ENTITY_FORMAT], entityBlueprints: choices }), [choices]);
  const catalog = useMemo(() => ({ team, blueprints: blueprints.map(({ id, title, icon }) => ({ id, title, icon })) }), [team, blueprints]);

  async function save() {
    setChecked(true);
    setProblem(NO_PROBLEM);
    if (built.problems.size) return setProblem({ ...NO_PROBLEM, message: 'Some fields need attention: see the messages in red.' });
    setSaving(true);
    try {
      const answer = await api<CreatedAction>(actionsApi(team, creating ? undefined : initial.view.identifier), {
        method: creating ? 'POST' : 'PUT',
        body: built.body,
        headers: creating || !initial.etag ? undefined : { 'If-Match': initial.etag },
      });
      setSaved(true);
      notifyOutcome('action', draft.title || answer.identifier, creating ? 'created' : 'saved');
      await queryClient.invalidateQueries({ queryKey: actionKeys.all(team) });
      const next = editActionHref(team, answer.identifier);
      if (creating && answer.signing_secret) setSecret({ value: answer.signing_secret, next });
      else router.push(actionsHref(team));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    try {
      await api(actionsApi(team, initial!.view.identifier), {
        method: 'DELETE',
        headers: initial!.etag ? { 'If-Match': initial!.etag } : undefined,
      });
      setSaved(true);
      notifyOutcome('action', initial!.view.title || initial!.view.identifier, 'deleted');
      await queryClient.invalidateQueries({ queryKey: actionKeys.all(team) });
      router.push(actionsHref(team));
    } catch (error) {
      setProblem(problemOf(error));
    }
  }

  function cancel() {
    if (dirty && !window.confirm('Leave without saving your changes?')) return;
    router.push(actionsHref(team));
  }

  return (
    <CatalogContext.Provider value={catalog}>
      {!canWrite && (
        <p role="status" className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600">
          You can read this action; changing it needs the action:write permission.
        </p>
      )}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <fieldset disabled={!canWrite || saving} className="min-w-0 space-y-6">
          <legend className="sr-only">Action</legend>
          <ActionBasics draft={draft} creating={creating} blueprints={blueprints} errors={errors} onEdit={edit} />

          <section aria-labelledby="inputs-heading" className={section}>
            <h2 id="inputs-heading" className="text-sm font-semibold text-slate-900">
              Inputs
            </h2>
            <p className="mb-3 text-xs text-slate-500">
              The form people fill in to run the action. An &ldquo;entity (picker)&rdquo; text input lets them pick an entity of a
              blueprint.
            </p>
            <BuilderOptionsContext.Provider value={builderOptions}>
              <PropertyList
                nodes={draft.inputs.properties}
                onChange={(properties) => edit((d) => ({ ...d, inputs: { ...d.inputs, properties } }))}
                pointer=""
                errors={inputErrors(errors)}
              />
            </BuilderOptionsContext.Provider>
          </section>

          <section aria-labelledby="steps-heading" className={section}>
            <h2 id="steps-heading" className="mb-3 text-sm font-semibold text-slate-900">
              Steps
            </h2>
            <StepList
              steps={draft.steps}
              errors={errors}
              blueprint={draft.blueprint}
              blueprints={choices}
              onChange={(steps) => edit((d) => ({ ...d, steps }))}
            />
          </section>
        </fieldset>

        <aside className="space-y-4 xl:sticky xl:top-20 xl:self-start">
          <TemplatePreview
            team={team}
            action={draft.identifier}
            blueprint={draft.blueprint}
            noun={(blueprints.find((b) => b.id === draft.blueprint)?.title ?? 'entity').toLowerCase()}
            withEntity={draft.trigger !== 'create'}
            inputsSchema={built.body.user_inputs}
            steps={built.body.steps}
          />
          {canWrite && (
            <ActionSaveBox
              team={team}
              action={creating ? null : initial.view.identifier}
              problem={problem}
              saving={saving}
              dirty={dirty}
              onSave={() => void save()}
              onCancel={cancel}
              onDelete={remove}
            />
          )}
        </aside>
      </div>
      {secret && <SigningSecretDialog secret={secret.value} onClose={() => router.push(secret.next)} />}
    </CatalogContext.Provider>
  );
}
