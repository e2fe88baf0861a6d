'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EntityPicker } from '@/components/ui/entity-picker';
import { plural, sentence } from '@/components/ui/format';
import { Modal } from '@/components/ui/modal';
import { ProgressStatus } from '@/components/ui/progress-status';
import type { Field } from '@/lib/catalog-view/fields';
import type { BulkPatch } from '@/lib/entities/bulk-edit-schemas';
import { selectClass } from '../control-styles';
import { BulkValueInput, isReady, shownValue } from './bulk-value-input';
import { runBulkEdit, type BulkOperation, type BulkOutcome, type BulkProgress } from './run-bulk-edit';

// One bulk edit from the catalog, in four steps in one dialog: say what (a property and its
// value, a relation and its targets; nothing for Delete), confirm with the count ("Set Lifecycle
// to production on 250 entities?"), watch it run (a progress bar per batch), read the outcome
// ("249 updated, 1 failed", the failures listed with the server's reason).

export type BulkKind = 'property' | 'relation' | 'delete';
/** A relation of the blueprint as the bulk dialog offers it. */
export type BulkRelation = { id: string; title: string; target: string; targetTitle: string; many: boolean };
type RelationMode = 'set' | 'add' | 'remove' | 'clear';

type Props = {
  team: string;
  blueprint: string;
  kind: BulkKind;
  count: number;
  fields: Field[];
  relations: BulkRelation[];
  /** The identifiers to act on (collected page by page for "all matching"). */
  resolve(onProgress: (p: BulkProgress) => void): Promise<string[]>;
  onClose(changed: boolean): void;
};

/** `{a: {b: value}}` for the path `a.b`: a merge patch that sets one nested property (own members, any name). */
function nestedPatch(path: string, value: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => Object.fromEntries([[key, inner]]), value) as Record<string, unknown>;
}

function progressText(p: BulkProgress, verb: string): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return p.phase === 'collecting'
    ? `Collecting the matching entities: ${n(p.done)} of ${n(p.total)}…`
    : `${verb} ${n(p.done)} of ${n(p.total)}…`;
}

export function BulkEditDialog({ team, blueprint, kind, count, fields, relations, resolve, onClose }: Props) {
  const [step, setStep] = useState<'form' | 'confirm' | 'running' | 'done'>(kind === 'delete' ? 'confirm' : 'form');
  const [fieldKey, setFieldKey] = useState(fields[0]?.key ?? '');
  const [value, setValue] = useState<unknown>('');
  const [clearIt, setClearIt] = useState(false);
  const [relationId, setRelationId] = useState(relations[0]?.id ?? '');
  const [mode, setMode] = useState<RelationMode>(relations[0]?.many ? 'add' : 'set');
  const [targets, setTargets] = useState<string[]>([]);
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [stopped, setStopped] = useState<string | null>(null);

  const field = fields.find((f) => f.key === fieldKey);
  const relation = relations.find((r) => r.id === relationId);
  const entities = plural(count, 'entity', 'entities');

  let patch: BulkPatch | null = null;
  let question = `Delete ${entities}? Their links go with them. This cannot be undone.`;
  let title = 'Delete entities';
  if (kind === 'property') {
    title = 'Set a property';
    if (field && (clearIt || isReady(field, value))) {
      patch = { data: nestedPatch(field.key, clearIt ? null : value) };
      question = clearIt ? `Clear ${field.label} on ${entities}?` : `Set ${field.label} to ${shownValue(value)} on ${entities}?`;
    }
  } else if (kind === 'relation') {
    title = 'Set a relation target';
    if (relation && (mode === 'clear' || targets.length > 0)) {
      const shown = targets.join(', ');
      const byMode: Record<RelationMode, [BulkPatch, string]> = {
        set: [
          { relations: Object.fromEntries([[relation.id, relation.many ? targets : targets[0]]]) },
          `Set ${relation.title} to ${shown} on ${entities}?`,
        ],
        add: [{ relations_add: Object.fromEntries([[relation.id, targets]]) }, `Add ${shown} to ${relation.title} on ${entities}?`],
        remove: [
          { relations_remove: Object.fromEntries([[relation.id, targets]]) },
          `Remove ${shown} from ${relation.title} on ${entities}?`,
        ],
        clear: [{ relations: Object.fromEntries([[relation.id, null]]) }, `Clear ${relation.title} on ${entities}?`],
      };
      [patch, question] = byMode[mode];
    }
  }

  const run = async () => {
    const operation: BulkOperation = kind === 'delete' ? { kind: 'delete' } : { kind: 'patch', patch: patch as BulkPatch };
    const partial: BulkOutcome = { done: 0, unchanged: 0, failures: [] };
    setStep('running');
    try {
      const identifiers = await resolve(setProgress);
      await runBulkEdit(team, blueprint, identifiers, operation, setProgress, partial);
    } catch (e) {
      setStopped(sentence(e instanceof Error ? e.message : 'The bulk edit stopped'));
    }
    setOutcome(partial);
    setStep('done');
  };

  const verb = kind === 'delete' ? 'deleted' : 'updated';
  const summary =
    outcome &&
    [
      `${outcome.done.toLocaleString('en-US')} ${verb}`,
      ...(outcome.unchanged ? [`${outcome.unchanged.toLocaleString('en-US')} already so`] : []),
      ...(outcome.failures.length ? [`${outcome.failures.length.toLocaleString('en-US')} failed`] : []),
    ].join(', ');

  return (
    <Modal title={title} onClose={() => step !== 'running' && onClose(outcome !== null && outcome.done > 0)}>
      {step === 'form' && kind === 'property' && (
        <div className="space-y-3">
          <label className="block space-y-1 text-sm text-slate-700">
            <span className="font-medium">Property</span>
            <select
              className={`${selectClass} w-full`}
              value={fieldKey}
              onChange={(e) => {
                setFieldKey(e.target.value);
                setValue('');
              }}
            >
              {fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {field && !clearIt && <BulkValueInput field={field} value={value} onChange={setValue} />}
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={clearIt} onChange={(e) => setClearIt(e.target.checked)} />
            Clear it (remove the property)
          </label>
        </div>
      )}
      {step === 'form' && kind === 'relation' && relation && (
        <div className="space-y-3">
          <label className="block space-y-1 text-sm text-slate-700">
            <span className="font-medium">Relation</span>
            <select
              className={`${selectClass} w-full`}
              value={relationId}
              onChange={(e) => {
                const next = relations.find((r) => r.id === e.target.value);
                setRelationId(e.target.value);
                setMode(next?.many ? 'add' : 'set');
                setTargets([]);
              }}
            >
              {relations.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </label>
          <label className="block space-y-1 text-sm text-slate-700">
            <span className="font-medium">Change</span>
            <select className={`${selectClass} w-full`} value={mode} onChange={(e) => setMode(e.target.value as RelationMode)}>
              {relation.many && <option value="add">Add targets</option>}
              {relation.many && <option value="remove">Remove targets</option>}
              <option value="set">{relation.many ? 'Replace the targets with' : 'Set the target'}</option>
              <option value="clear">Clear</option>
            </select>
          </label>
          {mode !== 'clear' && (
            <EntityPicker
              key={relation.id}
              team={team}
              blueprint={relation.target}
              noun={relation.targetTitle.toLowerCase()}
              multiple={relation.many}
              value={targets}
              onChange={setTargets}
              label={`${relation.title} targets`}
            />
          )}
        </div>
      )}
      {step === 'confirm' && <p className="text-sm text-slate-800">{question}</p>}
      {step === 'running' && progress && (
        <ProgressStatus
          text={progressText(progress, kind === 'delete' ? 'Deleting' : 'Updating')}
          done={progress.done}
          total={Math.max(progress.total, 1)}
          label="Bulk edit progress"
        />
      )}
      {step === 'running' && !progress && <p className="text-sm text-slate-700">Starting…</p>}
      {step === 'done' && outcome && (
        <div className="space-y-2" role="status">
          <p className="text-sm font-medium text-slate-900" data-testid="bulk-outcome">
            {summary}
          </p>
          {stopped && <p className="text-sm text-red-700">Stopped: {stopped}</p>}
          {outcome.failures.length > 0 && (
            <ul className="max-h-48 space-y-1 overflow-y-auto text-sm text-slate-700" aria-label="Failures">
              {outcome.failures.slice(0, 100).map((f) => (
                <li key={f.identifier}>
                  <span className="font-mono">{f.identifier}</span>: {f.message}
                </li>
              ))}
              {outcome.failures.length > 100 && <li>…and {(outcome.failures.length - 100).toLocaleString('en-US')} more.</li>}
            </ul>
          )}
        </div>
      )}
      <div className="flex justify-end gap-2">
        {step === 'form' && (
          <>
            <Button variant="secondary" onClick={() => onClose(false)}>
              Cancel
            </Button>
            <Button disabled={!patch} onClick={() => setStep('confirm')}>
              Continue
            </Button>
          </>
        )}
        {step === 'confirm' && (
          <>
            <Button variant="secondary" onClick={() => (kind === 'delete' ? onClose(false) : setStep('form'))}>
              {kind === 'delete' ? 'Cancel' : 'Back'}
            </Button>
            <Button variant={kind === 'delete' ? 'danger' : 'primary'} onClick={run}>
              {kind === 'delete' ? `Delete ${entities}` : 'Apply'}
            </Button>
          </>
        )}
        {step === 'done' && <Button onClick={() => onClose(true)}>Close</Button>}
      </div>
    </Modal>
  );
}
