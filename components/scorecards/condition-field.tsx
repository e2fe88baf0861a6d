'use client';

import { useMemo, useState } from 'react';
import { FilterBuilder } from '@/components/catalog/filter-builder';
import { describeNode } from '@/components/catalog/rule-summary';
import { fieldMap, type Field } from '@/lib/catalog-view/fields';
import type { Group } from '@/lib/catalog-view/rule-tree';

// A query tree in words, with the catalog's own filter builder to change it (issue 12: the same
// component, the same operators). The builder edits a copy; "Apply" writes it to the draft.

export function describeTree(tree: Group, fields: Map<string, Field>): string {
  return tree.rules.map((n) => describeNode(n, fields)).join(` ${tree.combinator} `);
}

export function ConditionField({
  label,
  empty,
  value,
  fields,
  error,
  readOnly,
  onChange,
}: {
  label: string;
  /** What an empty tree means here ("Every entity", "Always passes"). */
  empty: string;
  value: Group;
  fields: Field[];
  error?: string;
  readOnly?: boolean;
  onChange: (tree: Group) => void;
}) {
  const [open, setOpen] = useState(false);
  const byKey = useMemo(() => fieldMap(fields), [fields]);
  const text = value.rules.length ? describeTree(value, byKey) : empty;
  return (
    <div className="space-y-2">
      <div className="flex items-start gap-3">
        <p className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" aria-label={label}>
          {text}
        </p>
        {!readOnly && !open && (
          <button
            type="button"
            onClick={() => setOpen(true)}
            className="shrink-0 rounded-md px-2.5 py-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
            aria-label={`Edit ${label.toLowerCase()}`}
          >
            Edit
          </button>
        )}
      </div>
      {open && (
        <FilterBuilder
          fields={fields}
          value={value}
          onApply={(tree) => {
            onChange(tree);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
