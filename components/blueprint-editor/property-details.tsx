'use client';

import { useState, type ReactNode } from 'react';
import type { Constraints, SchemaNode } from '@/lib/blueprint-editor/schema-model';
import { FORMATS, inputClass, labelClass, selectClass } from './styles';

// The unfolded part of a property: description, allowed values, default and the constraints that
// fit its type. Numbers typed here become numbers in the schema; an empty box removes the keyword.

type Props = { node: SchemaNode; label: string; onChange(next: SchemaNode): void };

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="space-y-1">
      <span className={labelClass}>{label}</span>
      {children}
    </label>
  );
}

function NumberBox({ label, value, onChange, integer }: { label: string; value?: number; onChange(v?: number): void; integer?: boolean }) {
  return (
    <Labelled label={label}>
      <input
        type="number"
        step={integer ? 1 : 'any'}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        className={`${inputClass} w-28`}
      />
    </Labelled>
  );
}

/** "a, b, c" <-> ['a', 'b', 'c'] (numbers for numeric types), kept as typed while editing. */
function EnumBox({ node, onChange }: { node: SchemaNode; onChange(values?: Array<string | number>): void }) {
  const numeric = node.type === 'number' || node.type === 'integer';
  const [text, setText] = useState((node.enum ?? []).join(', '));
  return (
    <Labelled label="Allowed values (comma-separated; empty for any)">
      <input
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const parts = e.target.value
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
          const values: Array<string | number> = numeric ? parts.map(Number).filter((n) => Number.isFinite(n)) : parts;
          onChange(values.length > 0 ? [...new Set(values)] : undefined);
        }}
        className={`${inputClass} w-full`}
        placeholder={numeric ? '1, 2, 3' : 'experimental, production, deprecated'}
      />
    </Labelled>
  );
}

function DefaultBox({ node, onChange }: { node: SchemaNode; onChange(value: unknown): void }) {
  const value = node.default;
  if (node.enum || node.type === 'boolean') {
    const options = node.enum ?? [true, false];
    return (
      <Labelled label="Default">
        <select
          value={value === undefined ? '' : JSON.stringify(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : JSON.parse(e.target.value))}
          className={selectClass}
        >
          <option value="">(none)</option>
          {options.map((o) => (
            <option key={String(o)} value={JSON.stringify(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      </Labelled>
    );
  }
  if (node.type === 'number' || node.type === 'integer')
    return (
      <NumberBox
        label="Default"
        value={typeof value === 'number' ? value : undefined}
        onChange={onChange}
        integer={node.type === 'integer'}
      />
    );
  if (node.type === 'string') {
    return (
      <Labelled label="Default">
        <input
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          className={`${inputClass} w-48`}
        />
      </Labelled>
    );
  }
  return null;
}

export function PropertyDetails({ node, label, onChange }: Props) {
  const set = (patch: Partial<SchemaNode>) => onChange({ ...node, ...patch });
  const constraint = (key: keyof Constraints) => (v?: number) => set({ [key]: v } as Partial<SchemaNode>);
  const scalar = node.type === 'string' || node.type === 'number' || node.type === 'integer';
  return (
    <div className="grid gap-3" aria-label={`Details of ${label}`}>
      <Labelled label="Description (help text under the field)">
        <textarea
          value={node.description ?? ''}
          onChange={(e) => set({ description: e.target.value || undefined })}
          rows={2}
          className={`${inputClass} w-full`}
        />
      </Labelled>
      {scalar && node.format !== 'date' && node.format !== 'date-time' && (
        <EnumBox
          node={node}
          onChange={(values) =>
            set({ enum: values, default: values && !values.includes(node.default as never) ? undefined : node.default })
          }
        />
      )}
      <div className="flex flex-wrap items-end gap-3">
        <DefaultBox node={node} onChange={(v) => set({ default: v })} />
        {node.type === 'string' && (
          <>
            <NumberBox label="Min length" value={node.minLength} onChange={constraint('minLength')} integer />
            <NumberBox label="Max length" value={node.maxLength} onChange={constraint('maxLength')} integer />
            <Labelled label="Pattern (regular expression)">
              <input
                value={node.pattern ?? ''}
                onChange={(e) => set({ pattern: e.target.value || undefined })}
                className={`${inputClass} w-56 font-mono`}
                placeholder="^CC-[0-9]{4}$"
              />
            </Labelled>
          </>
        )}
        {(node.type === 'number' || node.type === 'integer') && (
          <>
            <NumberBox label="Minimum" value={node.minimum} onChange={constraint('minimum')} integer={node.type === 'integer'} />
            <NumberBox label="Maximum" value={node.maximum} onChange={constraint('maximum')} integer={node.type === 'integer'} />
          </>
        )}
        {node.type === 'array' && (
          <>
            <NumberBox label="Min items" value={node.minItems} onChange={constraint('minItems')} integer />
            <NumberBox label="Max items" value={node.maxItems} onChange={constraint('maxItems')} integer />
            {node.items?.type === 'string' && (
              <Labelled label="Item format">
                <select
                  value={node.items.format ?? ''}
                  onChange={(e) => set({ items: { ...node.items!, format: e.target.value || undefined } })}
                  className={selectClass}
                >
                  {FORMATS.map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
              </Labelled>
            )}
          </>
        )}
      </div>
    </div>
  );
}
