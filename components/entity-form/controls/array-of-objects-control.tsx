// An array of objects as repeatable rows: each row a fieldset of the item's fields, add and remove.

'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { childPointer } from '@/lib/forms/json-pointer';
import { defaultsFor, type FieldNode } from '@/lib/forms/schema-to-fields';
import { FieldsetShell } from '../field-shell';
import { fieldsetClass, legendClass } from '../styles';

type Props = {
  field: FieldNode;
  id: string;
  pointer: string;
  value: unknown;
  onChange(value: unknown): void;
  error?: string;
  /** Renders one of a row's fields; `rowPointer` is the row's own pointer. */
  renderField: (child: FieldNode, rowPointer: string) => ReactNode;
};

export function ArrayOfObjectsControl({ field, id, pointer, value, onChange, error, renderField }: Props) {
  const rows = Array.isArray(value) ? value : [];
  const items = (field.schema as { items?: { title?: unknown } }).items;
  // The item's own title names a row ("Endpoint 2"); without one, the property's label does.
  const rowTitle = typeof items?.title === 'string' && items.title ? items.title : undefined;
  const rowLabel = (index: number) => `${rowTitle ?? field.label} ${index + 1}`;
  const full = field.maxItems !== undefined && rows.length >= field.maxItems;
  const listRef = useRef<HTMLOListElement>(null);
  const focusRow = useRef<number | null>(null);

  // After "Add", move focus into the new row so keyboard users land where they can type.
  useEffect(() => {
    const index = focusRow.current;
    if (index === null) return;
    focusRow.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-row="${index}"] [data-pointer]`)?.focus();
  }, [rows.length]);

  const add = () => {
    focusRow.current = rows.length;
    onChange([...rows, defaultsFor(items)]);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    onChange(next.length || field.required ? next : undefined);
  };

  return (
    <FieldsetShell id={id} label={field.label} required={field.required} help={field.description} error={error}>
      {rows.length === 0 && <p className="text-sm text-slate-500">No {field.label.toLowerCase()} yet.</p>}
      <ol ref={listRef} className="space-y-3">
        {rows.map((_, index) => {
          const rowPointer = childPointer(pointer, index);
          return (
            <li key={index} data-row={index}>
              <fieldset className={`${fieldsetClass} bg-slate-50/60`}>
                <legend className={legendClass}>{rowLabel(index)}</legend>
                <div className="space-y-4">{field.children?.map((child) => renderField(child, rowPointer))}</div>
                <div className="flex justify-end">
                  <Button type="button" variant="ghost" size="sm" onClick={() => remove(index)} aria-label={`Remove ${rowLabel(index)}`}>
                    Remove
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button
        type="button"
        variant="secondary"
        size="sm"
        onClick={add}
        disabled={full}
        data-pointer={pointer}
        aria-label={`Add ${rowTitle ? rowTitle.toLowerCase() : 'row'} to ${field.label}`}
      >
        <span aria-hidden="true">+</span> Add {rowTitle ? rowTitle.toLowerCase() : 'row'}
      </Button>
    </FieldsetShell>
  );
}
