'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useMemo, useState, type FormEvent } from 'react';
import { notifyOutcome } from '@/components/ui/notify';
import { useUnsavedGuard } from '@/components/ui/use-unsaved-guard';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { sentence } from '@/components/ui/format';
import {
  describeRelationChange,
  draftsToBody,
  relationChanges,
  relationIdError,
  relationsToDrafts,
  removesLinks,
  type RelationDraft,
  type RelationView,
} from '@/lib/blueprint-editor/relations-model';
import { judgeBlueprintSchema } from '@/lib/blueprints/check-blueprint-schema';
import { isObject, modelToSchema, schemaToModel, type JsonObject, type SchemaModel } from '@/lib/blueprint-editor/schema-model';
import { api, ApiError } from '@/lib/web/api-client';
import { slugify } from '@/lib/web/slugify';
import { DeleteBlueprintButton } from './delete-blueprint-button';
import { ForceDialog, type Failing } from './force-dialog';
import { IconPicker } from './icon-picker';
import { describeJsonError, JsonPane } from './json-pane';
import { LinkImpactDialog, type LinkImpact } from './link-impact-dialog';
import { PropertyList } from './property-list';
import { RelationList, type TargetOption } from './relation-list';

// The blueprint editor: id, title, description and icon, then the schema twice, as a visual
// property builder and as raw JSON, each updating the other. Saves through the REST API; a schema
// change that existing entities would fail opens a dialog that can apply it anyway (?force=true).
// Below both, the relations: links to other blueprints, renamed without losing their links.

export type EditableBlueprint = {
  id: string;
  title: string;
  description: string | null;
  icon: string | null;
  schema: JsonObject;
  relations?: Record<string, RelationView>;
  version: number;
};
/** `targets`: the team's blueprints, which relations may link to. */
type Props = { team: string; targets: TargetOption[]; canDelete?: boolean } & (
  { mode: 'create'; blueprint?: undefined } | { mode: 'edit'; blueprint: EditableBlueprint }
);

const pretty = (schema: JsonObject) => JSON.stringify(schema, null, 2);
const EMPTY: JsonObject = { type: 'object', properties: {} };

/** "Payment Service" -> "payment-service" (a valid blueprint id). */
export function idFromTitle(title: string): string {
  const slug = slugify(title);
  return /^[a-z]/.test(slug) ? slug : '';
}

export function BlueprintEditor({ team, targets, mode, blueprint, canDelete }: Props) {
  const router = useRouter();
  const [id, setId] = useState(blueprint?.id ?? '');
  const [idTouched, setIdTouched] = useState(mode === 'edit');
  const [title, setTitle] = useState(blueprint?.title ?? '');
  const [description, setDescription] = useState(blueprint?.description ?? '');
  const [icon, setIcon] = useState<string | null>(mode === 'create' ? '🧩' : blueprint.icon);
  const [model, setModel] = useState<SchemaModel>(() => schemaToModel(blueprint?.schema ?? EMPTY));
  const [jsonText, setJsonText] = useState(() => pretty(blueprint?.schema ?? EMPTY));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  // A save refused here, before any request: its message follows the form as it is fixed (below).
  const [blocked, setBlocked] = useState(false);
  const [stale, setStale] = useState(false);
  const [failing, setFailing] = useState<Failing | null>(null);
  const [relations, setRelations] = useState<RelationDraft[]>(() => relationsToDrafts(blueprint?.relations));
  const [linkImpact, setLinkImpact] = useState<LinkImpact[] | null>(null);
  // What the person may lose: every field of the form, as first shown and as now.
  const snapshot = JSON.stringify({ id, title, description, icon, jsonText, relations });
  const [shown] = useState(snapshot);

  const base = `/teams/${encodeURIComponent(team)}/blueprints`;
  const save = useMutation({
    mutationFn: ({ force }: { force: boolean }) => {
      const body = { title, description: description || null, icon, schema: modelToSchema(model), relations: draftsToBody(relations) };
      return mode === 'create'
        ? api<{ id: string }>(base, { method: 'POST', body: { id, ...body } })
        : api<{ id: string }>(`${base}/${encodeURIComponent(blueprint.id)}${force ? '?force=true' : ''}`, {
            method: 'PUT',
            body,
            headers: { 'If-Match': `"${blueprint.version}"` },
          });
    },
  });

  useUnsavedGuard(snapshot !== shown && !save.isSuccess, 'this blueprint');

  /** A schema edit makes the server's old verdict on the schema stale: the live check below replaces it. */
  const dropSchemaErrors = () => {
    if (!Object.keys(errors).some((p) => p.startsWith('/schema'))) return;
    setErrors(Object.fromEntries(Object.entries(errors).filter(([p]) => !p.startsWith('/schema'))));
    setMessage(null);
  };

  function fromBuilder(next: SchemaModel) {
    dropSchemaErrors();
    setModel(next);
    setJsonText(pretty(modelToSchema(next)));
    setJsonError(null);
  }
  function fromJson(text: string) {
    dropSchemaErrors();
    setJsonText(text);
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isObject(parsed) || parsed.type !== 'object') throw new Error('The schema must be an object with "type": "object"');
      setModel(schemaToModel(parsed));
      setJsonError(null);
    } catch (error) {
      setJsonError(describeJsonError(text, error));
    }
  }

  async function submit(force: boolean) {
    setErrors({});
    setMessage(null);
    setBlocked(false);
    try {
      const saved = await save.mutateAsync({ force });
      setFailing(null);
      setLinkImpact(null);
      notifyOutcome('blueprint', title || saved.id, mode === 'create' ? 'created' : 'saved');
      router.push(`/t/${team}/blueprints/${saved.id}`);
      router.refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const details = error.details as (Failing & { relations: LinkImpact[] }) | undefined;
      if (error.reason === 'schema_breaks_entities' && details) return setFailing(details);
      if (error.reason === 'relation_impact' && details) return setLinkImpact(details.relations);
      setFailing(null);
      setLinkImpact(null);
      if (error.code === 'validation_failed') {
        setErrors(error.fieldErrors());
        return setMessage('Some fields need attention: see the messages in red.');
      }
      if (error.reason === 'stale_version') setStale(true);
      if (error.reason === 'already_exists') return setErrors({ '/id': 'The team already has a blueprint with this id' });
      setMessage(sentence(error.message));
    }
  }

  const propertyNames = model.properties.map((p) => p.name);
  // The server's own check of the schema (judgeBlueprintSchema), run on what a save would send, as
  // it is edited: a valid JSON that is no valid schema ("type": "strnig") is flagged before saving,
  // in the server's words. Deferred, so typing in a large schema stays quick.
  const draftSchema = useDeferredValue(useMemo(() => modelToSchema(model), [model]));
  const verdict = useMemo(() => judgeBlueprintSchema(draftSchema), [draftSchema]);
  const liveSchemaErrors: Record<string, string> = verdict.ok ? {} : Object.fromEntries(verdict.details.map((d) => [d.path, d.message]));
  const relationsInvalid = relations.some((r) => relationIdError(r, relations, propertyNames) || !r.target);
  // Why a save is refused here, for as long as it still is: it goes the moment the cause is fixed.
  const blocker = !blocked
    ? null
    : jsonError
      ? 'Fix the JSON Schema first (or undo your edit there).'
      : !verdict.ok
        ? 'Fix the schema first: see the messages in red.'
        : relationsInvalid
          ? 'Fix the relations first: see the messages in red.'
          : null;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (jsonError || !verdict.ok || relationsInvalid) return setBlocked(true);
    void submit(false);
  }

  const ownTarget = { id: mode === 'edit' ? blueprint.id : id, title: `${title || 'This blueprint'} (itself)`, icon };
  const targetOptions = [...(ownTarget.id ? [ownTarget] : []), ...targets.filter((t) => t.id !== ownTarget.id)];
  const costlyChanges = relationChanges(blueprint?.relations, relations).filter(removesLinks).map(describeRelationChange);
  const relationErrors = Object.fromEntries(Object.entries(errors).filter(([p]) => p.startsWith('/relations/')));
  const schemaErrors = Object.fromEntries(
    Object.entries({ ...errors, ...(jsonError ? {} : liveSchemaErrors) })
      .filter(([p]) => p.startsWith('/schema'))
      // As sentences: the server's details are phrases ("must be one of: ...").
      .map(([p, m]) => [p.slice('/schema'.length), sentence(m).replace(/\.$/, '')]),
  );
  const unplaced = Object.entries(schemaErrors)
    .filter(([p]) => !/^\/properties\//.test(p))
    .map(([p, m]) => `${p || 'schema'}: ${m}`);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <section className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm md:grid-cols-[auto_1fr_1fr]">
        <div className="space-y-1">
          <span className="block text-sm font-medium text-slate-700">Icon</span>
          <IconPicker value={icon} onChange={setIcon} />
        </div>
        <Field
          label="Title"
          name="title"
          value={title}
          required
          error={errors['/title']}
          onChange={(e) => {
            setTitle(e.target.value);
            if (!idTouched) setId(idFromTitle(e.target.value));
          }}
        />
        <Field
          label="Identifier"
          name="id"
          value={id}
          disabled={mode === 'edit'}
          error={
            errors['/id'] ??
            (id && !/^[a-z][a-z0-9_-]{0,49}$/.test(id) ? 'Lower-case letters, digits, - and _, starting with a letter' : undefined)
          }
          hint={mode === 'edit' ? 'A blueprint keeps its identifier.' : 'Used in URLs and the API; cannot change later.'}
          onChange={(e) => {
            setIdTouched(true);
            setId(e.target.value);
          }}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm disabled:bg-slate-50 disabled:text-slate-500"
        />
        <div className="md:col-span-3">
          <Field
            label="Description"
            name="description"
            value={description}
            error={errors['/description']}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="What one of these is, in a sentence"
          />
        </div>
      </section>

      <section className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]" aria-label="Schema">
        <div className="space-y-2">
          <h2 className="text-sm font-medium text-slate-700">Properties</h2>
          <p className="text-xs text-slate-500">In the order the entity form shows them. Alt+↑ / Alt+↓ move the focused property.</p>
          <PropertyList
            nodes={model.properties}
            onChange={(properties) => fromBuilder({ ...model, properties })}
            pointer=""
            errors={schemaErrors}
          />
          <div className="pt-6">
            <RelationList
              drafts={relations}
              original={blueprint?.relations}
              targets={targetOptions}
              propertyNames={propertyNames}
              errors={relationErrors}
              onChange={setRelations}
            />
          </div>
        </div>
        <JsonPane text={jsonText} error={jsonError} serverErrors={unplaced} onChange={fromJson} />
      </section>

      <div className="sticky bottom-0 -mx-2 flex items-center gap-3 border-t border-slate-200 bg-slate-50/95 px-2 py-3 backdrop-blur">
        <Button type="submit" pending={save.isPending}>
          {mode === 'create' ? 'Create blueprint' : 'Save changes'}
        </Button>
        {stale && (
          <Button type="button" variant="secondary" onClick={() => window.location.reload()}>
            Reload latest version
          </Button>
        )}
        {(blocker ?? message) && (
          <p role="alert" className="text-sm font-medium text-red-600">
            {blocker ?? message}
          </p>
        )}
        {mode === 'edit' && canDelete && (
          <span className="ml-auto">
            <DeleteBlueprintButton team={team} blueprint={blueprint.id} version={blueprint.version} />
          </span>
        )}
      </div>
      {failing && (
        <ForceDialog
          failing={failing}
          alsoRemoves={costlyChanges}
          pending={save.isPending}
          onCancel={() => setFailing(null)}
          onForce={() => void submit(true)}
        />
      )}
      {linkImpact && (
        <LinkImpactDialog
          impacts={linkImpact}
          pending={save.isPending}
          onCancel={() => setLinkImpact(null)}
          onForce={() => void submit(true)}
        />
      )}
    </form>
  );
}
