// The form's relation pickers: one per relation of the blueprint, searching the target
// blueprint's entities as you type; one target or several by the relation's cardinality.

'use client';

import { EntityPicker } from '@/components/ui/entity-picker';
import { RELATION_TYPE_LABELS } from '@/lib/blueprint-editor/relations-model';
import { singleTarget } from '@/lib/relations/relation-types';
import { describedByFor, LabelShell } from './field-shell';
import { useFormApi } from './form-context';
import type { RelationField } from '@/lib/forms/relation-fields';

/** `titles`: known titles of linked entities, by relation, then identifier. */
type Props = { team: string; fields: RelationField[]; titles?: Record<string, Record<string, string | null>> };

export function RelationFields({ team, fields, titles }: Props) {
  const form = useFormApi();
  if (fields.length === 0) return null;
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">Relations</legend>
      {fields.map((r) => {
        const pointer = `/relations/${r.id}`;
        const id = form.idFor(pointer);
        const error = form.errorFor(pointer, true);
        const single = singleTarget(r.type);
        const help = `${single ? 'One' : 'Any number of'} ${r.targetTitle.toLowerCase()}${single ? '' : ' entities'} · ${RELATION_TYPE_LABELS[r.type].label.toLowerCase()}`;
        const value = (form.get(pointer) as string[] | undefined) ?? [];
        return (
          <LabelShell key={r.id} id={id} label={r.title ?? r.id} required={r.required} help={help} error={error}>
            <EntityPicker
              team={team}
              blueprint={r.target}
              noun={r.targetTitle.toLowerCase()}
              multiple={!single}
              value={value}
              titles={titles?.[r.id]}
              onChange={(next) => {
                form.set(pointer, next);
                form.touch(pointer);
              }}
              onBlur={() => form.touch(pointer)}
              id={id}
              pointer={pointer}
              invalid={Boolean(error)}
              describedBy={describedByFor(id, help, error)}
            />
          </LabelShell>
        );
      })}
    </fieldset>
  );
}
