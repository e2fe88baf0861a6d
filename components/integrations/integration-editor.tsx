'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useUnsavedGuard } from '@/components/ui/use-unsaved-guard';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { EditorSaveBox } from '@/components/ui/editor-save-box';
import { Field } from '@/components/ui/field';
import { NO_PROBLEM, saveProblemOf, type SaveProblem } from '@/components/ui/save-problem';
import type { IntegrationView } from '@/lib/integrations/integration-view';
import { api } from '@/lib/web/api-client';
import { buildIntegration, draftFromView, newMapping, type IntegrationDraft } from './integration-draft';
import { integrationHref, integrationKeys, integrationsApi, integrationsHref } from './integration-paths';
import { IntegrationSecretDialog } from './integration-secret';
import { CREATABLE_KINDS, KIND_LABELS } from './integration-words';
import { MappingCard, type BlueprintFields } from './mapping-card';
import { MappingPreview } from './mapping-preview';
import { PullSettingsFields } from './pull-settings-fields';
import { notifyOutcome } from '@/components/ui/notify';

// The integration editor: what it is (identifier, title, kind, enabled, the deletion threshold of
// full syncs) and its mappings, with the live preview beside them. Saves through the REST API
// (If-Match on a change); refusals land on the fields they name (JSON pointers, as the browser's
// own checks). Without integration:write the same page is read-only.

export type IntegrationEditorProps = {
  team: string;
  blueprints: BlueprintFields[];
  canWrite: boolean;
  /** The integration being edited and its ETag; null to create one. */
  initial: { view: IntegrationView; etag: string | null } | null;
};

const section = 'rounded-xl border border-slate-200 bg-white p-5 shadow-sm';

export function IntegrationEditor({ team, blueprints, canWrite, initial }: IntegrationEditorProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const creating = initial === null;
  const [draft, setDraft] = useState<IntegrationDraft>(() => draftFromView(initial?.view ?? null, blueprints[0]?.id ?? ''));
  const [baseline] = useState(() => JSON.stringify(buildIntegration(draft, creating).body));
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<SaveProblem>(NO_PROBLEM);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [secret, setSecret] = useState<{ value: string; next: string } | null>(null);
  const built = buildIntegration(draft, creating);
  const dirty = canWrite && !saved && JSON.stringify(built.body) !== baseline;
  useUnsavedGuard(dirty, 'this integration');
  const errors = new Map([...(checked ? built.problems : []), ...problem.fields]);
  const edit = (patch: Partial<IntegrationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const words = {
    errorKey: (path: string) => path,
    noun: 'this integration',
    conflict: ['/identifier', 'The team already has an integration with this identifier'] as [string, string],
  };

  async function save() {
    setChecked(true);
    setProblem(NO_PROBLEM);
    if (built.problems.size) return setProblem({ ...NO_PROBLEM, message: 'Some fields need attention: see the messages in red.' });
    setSaving(true);
    try {
      const answer = await api<IntegrationView & { secret?: string }>(
        integrationsApi(team, creating ? undefined : initial.view.identifier),
        {
          method: creating ? 'POST' : 'PUT',
          body: built.body,
          headers: creating || !initial.etag ? undefined : { 'If-Match': initial.etag },
        },
      );
      setSaved(true);
      notifyOutcome('integration', draft.title || answer.identifier, creating ? 'created' : 'saved');
      await queryClient.invalidateQueries({ queryKey: integrationKeys.all(team) });
      const next = integrationHref(team, answer.identifier);
      if (creating && answer.secret) setSecret({ value: answer.secret, next });
      else router.push(next);
    } catch (error) {
      setProblem(saveProblemOf(error, words));
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    try {
      await api(integrationsApi(team, initial!.view.identifier), {
        method: 'DELETE',
        headers: initial!.etag ? { 'If-Match': initial!.etag } : undefined,
      });
      setSaved(true);
      notifyOutcome('integration', initial!.view.title || initial!.view.identifier, 'deleted');
      await queryClient.invalidateQueries({ queryKey: integrationKeys.all(team) });
      router.push(integrationsHref(team));
    } catch (error) {
      setProblem(saveProblemOf(error, words));
    }
  }

  function cancel() {
    if (dirty && !window.confirm('Leave without saving your changes?')) return;
    router.push(creating ? integrationsHref(team) : integrationHref(team, initial.view.identifier));
  }

  const moveMapping = (from: number, by: -1 | 1) => {
    const mappings = [...draft.mappings];
    const [moved] = mappings.splice(from, 1);
    mappings.splice(from + by, 0, moved);
    edit({ mappings });
  };

  return (
    <>
      {!canWrite && (
        <p role="status" className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600">
          You can read this integration; changing it needs the integration:write permission.
        </p>
      )}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <fieldset disabled={!canWrite || saving} className="min-w-0 space-y-6">
          <legend className="sr-only">Integration</legend>
          <section aria-labelledby="basics-heading" className={`${section} grid gap-4 md:grid-cols-2`}>
            <h2 id="basics-heading" className="text-sm font-semibold text-slate-900 md:col-span-2">
              Integration
            </h2>
            <Field
              label="Title"
              name="integration-title"
              value={draft.title}
              error={errors.get('/title')}
              onChange={(e) => edit({ title: e.target.value })}
            />
            <Field
              label="Identifier"
              name="integration-identifier"
              value={draft.identifier}
              readOnly={!creating}
              error={errors.get('/identifier')}
              hint={creating ? 'Lower-case, used in the ingestion URL; it cannot change later.' : 'It cannot change.'}
              onChange={(e) => edit({ identifier: e.target.value })}
            />
            <div className="space-y-1">
              <label htmlFor="integration-kind" className="block text-sm font-medium text-slate-700">
                Kind
              </label>
              {creating ? (
                <select
                  id="integration-kind"
                  value={draft.kind}
                  onChange={(e) => edit({ kind: e.target.value as IntegrationDraft['kind'] })}
                  className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
                >
                  {CREATABLE_KINDS.map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {KIND_LABELS[k.kind]}
                    </option>
                  ))}
                </select>
              ) : (
                <p id="integration-kind" className="py-2 text-sm text-slate-800">
                  {KIND_LABELS[draft.kind]}
                </p>
              )}
              <p className="text-xs text-slate-500">{CREATABLE_KINDS.find((k) => k.kind === draft.kind)?.hint}</p>
            </div>
            <Field
              label="Deletion threshold (%)"
              name="integration-threshold"
              inputMode="decimal"
              value={draft.thresholdPercent}
              error={errors.get('/deletion_threshold')}
              hint="A full sync that would delete more than this share of the entities it wrote is refused unless forced."
              onChange={(e) => edit({ thresholdPercent: e.target.value })}
            />
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={draft.enabled} onChange={(e) => edit({ enabled: e.target.checked })} />
              Enabled (a disabled integration refuses ingestion)
            </label>
          </section>

          {draft.kind === 'http-pull' && (
            <section aria-labelledby="pull-heading" className={`${section} space-y-4`}>
              <h2 id="pull-heading" className="text-sm font-semibold text-slate-900">
                Pull
              </h2>
              <PullSettingsFields pull={draft.pull} errors={errors} onChange={(pull) => edit({ pull })} />
            </section>
          )}

          <section aria-labelledby="mappings-heading" className={`${section} space-y-4`}>
            <div>
              <h2 id="mappings-heading" className="text-sm font-semibold text-slate-900">
                Mappings
              </h2>
              <p className="text-xs text-slate-500">
                Each item is tried against every mapping, in order. Every value is a{' '}
                <a className="underline" href="https://docs.jsonata.org/overview" target="_blank" rel="noreferrer">
                  JSONata
                </a>{' '}
                expression over the item.
              </p>
            </div>
            {draft.mappings.map((m, i) => (
              <MappingCard
                key={m.key}
                index={i}
                count={draft.mappings.length}
                mapping={m}
                blueprints={blueprints}
                errors={errors}
                onChange={(next) => edit({ mappings: draft.mappings.map((x) => (x.key === m.key ? next : x)) })}
                onMove={(by) => moveMapping(i, by)}
                onRemove={() => edit({ mappings: draft.mappings.filter((x) => x.key !== m.key) })}
              />
            ))}
            <Button
              type="button"
              variant="secondary"
              onClick={() => edit({ mappings: [...draft.mappings, newMapping(blueprints[0]?.id ?? '')] })}
            >
              + Add a mapping
            </Button>
          </section>
        </fieldset>

        <aside className="space-y-4 xl:sticky xl:top-20 xl:self-start">
          <MappingPreview mappings={built.body.mappings} />
          {canWrite && (
            <EditorSaveBox
              problem={problem}
              saving={saving}
              dirty={dirty}
              saveLabel={creating ? 'Create integration' : 'Save changes'}
              onSave={() => void save()}
              onCancel={cancel}
            >
              {!creating && (
                <ConfirmButton label="Delete integration" confirmLabel="Delete it (its entities stay)" size="sm" onConfirm={remove} />
              )}
            </EditorSaveBox>
          )}
        </aside>
      </div>
      {secret && <IntegrationSecretDialog secret={secret.value} onClose={() => router.push(secret.next)} />}
    </>
  );
}
