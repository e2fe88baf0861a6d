'use client';

import { useState } from 'react';
import { nodeToSchema, withType, type PropertyType, type SchemaNode } from '@/lib/blueprint-editor/schema-model';
import { PropertyDetails } from './property-details';
import { PropertyList } from './property-list';
import { useBuilderOptions } from './builder-options';
import { inputClass, selectClass } from './styles';

// One property of the builder: the line you scan (name, title, type, format, required, move,
// remove) and, unfolded, the details that fit its type. Objects and arrays of objects nest their
// own property lists below.

const TYPE_LABELS: Record<PropertyType, string> = {
  string: 'Text',
  number: 'Number',
  integer: 'Integer',
  boolean: 'Yes / no',
  array: 'List',
  object: 'Object',
  custom: 'Custom (JSON)',
};
const ITEM_TYPES: PropertyType[] = ['string', 'number', 'integer', 'boolean', 'object'];

type Props = {
  node: SchemaNode;
  pointer: string;
  errors: Record<string, string>;
  nameError?: string;
  /** The name field's accessible name: its place in the list ("Name of property 2"). */
  nameLabel: string;
  depth: number;
  first: boolean;
  last: boolean;
  onChange(next: SchemaNode): void;
  onRemove(): void;
  onMove(by: -1 | 1): void;
};

export function PropertyRow({ node, pointer, errors, nameError, nameLabel, depth, first, last, onChange, onRemove, onMove }: Props) {
  const [open, setOpen] = useState(false);
  const { formats, entityBlueprints } = useBuilderOptions();
  const serverErrors = Object.entries(errors).filter(
    ([p]) => p === pointer || (p.startsWith(`${pointer}/`) && !p.slice(pointer.length).includes('/properties/')),
  );
  const id = `prop-${node.key}`;
  const label = node.name || 'new property';
  const set = (patch: Partial<SchemaNode>) => onChange({ ...node, ...patch });

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={`property-${pointer}`}>
      <div
        className="flex flex-wrap items-center gap-1.5 p-2"
        onKeyDown={(e) => {
          if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
            e.preventDefault();
            onMove(e.key === 'ArrowUp' ? -1 : 1);
          }
        }}
      >
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-details`}
          onClick={() => setOpen(!open)}
          className="rounded p-1 text-slate-500 hover:bg-slate-100"
          aria-label={`${open ? 'Hide' : 'Show'} details of ${label}`}
        >
          <span aria-hidden className={`inline-block transition ${open ? 'rotate-90' : ''}`}>
            ▸
          </span>
        </button>
        <input
          aria-label={nameLabel}
          aria-invalid={nameError ? true : undefined}
          value={node.name}
          onChange={(e) => set({ name: e.target.value })}
          className={`${inputClass} w-32 font-mono`}
          placeholder="name"
        />
        <input
          aria-label={`Title of ${label}`}
          value={node.title ?? ''}
          onChange={(e) => set({ title: e.target.value || undefined })}
          className={`${inputClass} w-24 min-w-0 flex-1`}
          placeholder="Title"
        />
        <select
          aria-label={`Type of ${label}`}
          value={node.type}
          onChange={(e) => onChange(withType(node, e.target.value as PropertyType))}
          className={`${selectClass} shrink-0`}
        >
          {Object.entries(TYPE_LABELS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        {node.type === 'string' && (
          <select
            aria-label={`Format of ${label}`}
            value={node.format ?? ''}
            onChange={(e) => set({ format: e.target.value || undefined })}
            className={`${selectClass} shrink-0`}
          >
            {formats.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
            {node.format && !formats.some(([v]) => v === node.format) && <option value={node.format}>{node.format}</option>}
          </select>
        )}
        {node.type === 'string' && node.format === 'entity' && entityBlueprints && (
          <select
            aria-label={`Blueprint of ${label}`}
            value={typeof node.extra.blueprint === 'string' ? node.extra.blueprint : ''}
            onChange={(e) => set({ extra: { ...node.extra, blueprint: e.target.value || undefined } })}
            className={`${selectClass} shrink-0`}
          >
            <option value="">Pick a blueprint</option>
            {entityBlueprints.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        )}
        {node.type === 'array' && node.items && (
          <select
            aria-label={`Items of ${label}`}
            value={node.items.type}
            onChange={(e) => set({ items: withType(node.items!, e.target.value as PropertyType) })}
            className={`${selectClass} shrink-0`}
          >
            {ITEM_TYPES.map((t) => (
              <option key={t} value={t}>
                of {TYPE_LABELS[t].toLowerCase()}
              </option>
            ))}
          </select>
        )}
        {depth >= 0 && node.name !== '' && (
          <label className="flex items-center gap-1.5 text-xs text-slate-700">
            <input
              type="checkbox"
              checked={node.required}
              onChange={(e) => set({ required: e.target.checked })}
              className="h-4 w-4 rounded border-slate-300 text-indigo-600"
              aria-label={`${label} is required`}
            />
            Required
          </label>
        )}
        <span className="ml-auto flex items-center">
          <button
            type="button"
            onClick={() => onMove(-1)}
            disabled={first}
            className="rounded px-1.5 py-1 text-slate-500 hover:bg-slate-100 disabled:opacity-30"
            aria-label={`Move ${label} up`}
          >
            ↑
          </button>
          <button
            type="button"
            onClick={() => onMove(1)}
            disabled={last}
            className="rounded px-1.5 py-1 text-slate-500 hover:bg-slate-100 disabled:opacity-30"
            aria-label={`Move ${label} down`}
          >
            ↓
          </button>
          <button
            type="button"
            onClick={onRemove}
            className="rounded px-1.5 py-1 text-red-600 hover:bg-red-50"
            aria-label={`Remove ${label}`}
          >
            ✕
          </button>
        </span>
      </div>
      {(nameError || serverErrors.length > 0) && (
        <ul className="px-3 pb-2 text-xs font-medium text-red-600" role="alert">
          {nameError && <li>{nameError}</li>}
          {serverErrors.map(([p, m]) => (
            <li key={p}>
              {p.slice(pointer.length) || 'this property'}: {m}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div id={`${id}-details`} className="border-t border-slate-100 px-3 py-3">
          {node.type === 'custom' ? (
            <p className="text-sm text-slate-600">
              This property uses JSON Schema the builder does not show (
              <code className="text-xs">{JSON.stringify(nodeToSchema(node)).slice(0, 80)}</code>): edit it in the JSON pane.
            </p>
          ) : (
            <PropertyDetails node={node} label={label} onChange={onChange} />
          )}
        </div>
      )}
      {node.type === 'object' && (
        <div className="px-3 pb-3">
          <PropertyList
            nodes={node.properties ?? []}
            onChange={(properties) => set({ properties })}
            pointer={pointer}
            errors={errors}
            depth={depth + 1}
          />
        </div>
      )}
      {node.type === 'array' && node.items?.type === 'object' && (
        <div className="px-3 pb-3">
          <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Each item has</p>
          <PropertyList
            nodes={node.items.properties ?? []}
            onChange={(properties) => set({ items: { ...node.items!, properties } })}
            pointer={`${pointer}/items`}
            errors={errors}
            depth={depth + 1}
          />
        </div>
      )}
    </div>
  );
}
