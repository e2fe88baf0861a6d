'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  blankRule,
  draftProblems,
  fromDraft,
  isDraftGroup,
  mapNode,
  newId,
  toDraft,
  withOperator,
  withProperty,
  type DraftGroup,
  type DraftNode,
  type DraftRule,
} from '@/lib/catalog-view/draft-tree';
import { fieldMap, type Field } from '@/lib/catalog-view/fields';
import { operatorLabel, operatorsFor, valueControl, type Operator } from '@/lib/catalog-view/operators';
import { cleanTree, type Group } from '@/lib/catalog-view/rule-tree';
import { selectClass } from './control-styles';
import { RuleValueInput } from './rule-value-input';

// The filter builder: rules of property -> operator (only those that fit its type) -> value
// (a control of that type), in AND / OR groups nested one level. It edits a copy; Apply checks
// every rule and writes the tree to the URL, Cancel drops the copy.

type Props = { fields: Field[]; value: Group; onApply: (tree: Group) => void; onClose: () => void };

const MAX_GROUP_DEPTH = 2; // the root and one level of groups inside it

export function FilterBuilder({ fields, value, onApply, onClose }: Props) {
  const [draft, setDraft] = useState<DraftGroup>(() => {
    const initial = toDraft(value);
    return initial.rules.length ? initial : { ...initial, rules: [blankRule()] };
  });
  const [checked, setChecked] = useState(false);
  const byKey = useMemo(() => fieldMap(fields), [fields]);
  const problems = draftProblems(draft, byKey);
  const change = (id: string, fn: (node: DraftNode) => DraftNode | null) => setDraft((d) => mapNode(d, id, fn));

  const apply = () => {
    setChecked(true);
    if (problems.size) return;
    onApply(cleanTree(fromDraft(draft), fields));
  };

  return (
    <section aria-label="Filters" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <GroupEditor group={draft} depth={1} fields={fields} byKey={byKey} problems={checked ? problems : new Map()} change={change} />
      <div className="mt-4 flex items-center gap-2 border-t border-slate-100 pt-3">
        <Button onClick={apply}>Apply filters</Button>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="ghost" className="ml-auto" onClick={() => onApply({ combinator: 'and', rules: [] })}>
          Clear all
        </Button>
      </div>
      {checked && problems.size > 0 && (
        <p role="alert" className="mt-2 text-xs font-medium text-red-600">
          {problems.size === 1 ? 'One rule is incomplete' : `${problems.size} rules are incomplete`}: complete or remove{' '}
          {problems.size === 1 ? 'it' : 'them'} to apply.
        </p>
      )}
    </section>
  );
}

type EditorProps = {
  fields: Field[];
  byKey: Map<string, Field>;
  problems: Map<string, string>;
  change: (id: string, fn: (node: DraftNode) => DraftNode | null) => void;
};

function GroupEditor({ group, depth, ...props }: EditorProps & { group: DraftGroup; depth: number }) {
  const { change } = props;
  const add = (node: DraftNode) => change(group.id, (g) => ({ ...(g as DraftGroup), rules: [...(g as DraftGroup).rules, node] }));
  const joiner = group.combinator === 'and' ? 'and' : 'or';
  return (
    <div className={depth > 1 ? 'rounded-lg border border-slate-200 bg-slate-50/70 p-3' : ''}>
      <div className="mb-2 flex items-center gap-2 text-sm text-slate-600">
        <span>Match</span>
        <select
          aria-label={depth > 1 ? 'Group combinator' : 'Combinator'}
          className={`${selectClass} h-8`}
          value={group.combinator}
          onChange={(e) => change(group.id, (g) => ({ ...(g as DraftGroup), combinator: e.target.value as 'and' | 'or' }))}
        >
          <option value="and">all of</option>
          <option value="or">any of</option>
        </select>
        <span>these rules</span>
        {depth > 1 && (
          <button
            type="button"
            onClick={() => change(group.id, () => null)}
            className="ml-auto rounded px-2 py-1 text-xs text-slate-500 hover:bg-slate-200 hover:text-slate-800"
          >
            Remove group
          </button>
        )}
      </div>
      <ul className="space-y-2">
        {group.rules.map((node, i) => (
          <li key={node.id} className="flex items-start gap-2">
            <span className="w-10 shrink-0 pt-2 text-right text-xs font-medium uppercase text-slate-500">{i === 0 ? 'where' : joiner}</span>
            <div className="min-w-0 flex-1">
              {isDraftGroup(node) ? (
                <GroupEditor group={node} depth={depth + 1} {...props} />
              ) : (
                <RuleEditor rule={node} index={i} {...props} />
              )}
            </div>
          </li>
        ))}
      </ul>
      <div className="mt-2 flex gap-2 pl-12">
        <Button variant="ghost" size="sm" onClick={() => add(blankRule())}>
          + Add rule
        </Button>
        {depth < MAX_GROUP_DEPTH && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => add({ id: newId(), combinator: group.combinator === 'and' ? 'or' : 'and', rules: [blankRule()] })}
          >
            + Add group
          </Button>
        )}
      </div>
    </div>
  );
}

function FieldOptions({ label, fields }: { label: string; fields: Field[] }) {
  if (fields.length === 0) return null;
  return (
    <optgroup label={label}>
      {fields.map((f) => (
        <option key={f.key} value={f.key}>
          {f.label}
        </option>
      ))}
    </optgroup>
  );
}

function RuleEditor({ rule, index, fields, byKey, problems, change }: EditorProps & { rule: DraftRule; index: number }) {
  const field = byKey.get(rule.property);
  const problem = problems.get(rule.id);
  const label = `Rule ${index + 1}`;
  const set = (fn: (r: DraftRule) => DraftRule) => change(rule.id, (n) => fn(n as DraftRule));
  const filterable = fields.filter((f) => operatorsFor(f).length > 0);
  const dataFields = filterable.filter((f) => !f.meta && !f.via && !f.scorecard && f.kind !== 'related');
  const scorecardFields = filterable.filter((f) => f.scorecard);
  const metaFields = filterable.filter((f) => f.meta && !f.via);
  const viaFields = filterable.filter((f) => f.via);
  const linkFields = filterable.filter((f) => f.kind === 'related');
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <select
          aria-label={`${label} property`}
          aria-invalid={problem === 'Pick a property' || undefined}
          className={`${selectClass} w-48`}
          value={rule.property}
          onChange={(e) => set((r) => withProperty(r, byKey.get(e.target.value)))}
        >
          <option value="">Property…</option>
          <FieldOptions label="Properties" fields={dataFields} />
          <FieldOptions label="Entity" fields={metaFields} />
          <FieldOptions label="Through a relation" fields={viaFields} />
          <FieldOptions label="Scorecards" fields={scorecardFields} />
          <FieldOptions label="Links" fields={linkFields} />
        </select>
        {field && field.kind !== 'related' && (
          <select
            aria-label={`${label} operator`}
            className={`${selectClass} w-40`}
            value={rule.operator}
            onChange={(e) => set((r) => withOperator(r, field, e.target.value as Operator))}
          >
            {operatorsFor(field).map((op) => (
              <option key={op} value={op}>
                {operatorLabel(op, field.kind)}
              </option>
            ))}
          </select>
        )}
        {field && rule.operator && (
          <RuleValueInput
            field={field}
            control={valueControl(field, rule.operator)}
            value={rule.value}
            onChange={(value) => set((r) => ({ ...r, value }))}
            label={`${label} value`}
            invalid={!!problem && problem !== 'Pick a property'}
          />
        )}
        <button
          type="button"
          aria-label={`Remove rule ${index + 1}`}
          onClick={() => change(rule.id, () => null)}
          className="ml-auto grid h-9 w-9 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-700"
        >
          ×
        </button>
      </div>
      {problem && <p className="mt-1 text-xs font-medium text-red-600">{problem}</p>}
    </div>
  );
}
