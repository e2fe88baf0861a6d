'use client';

import { Button } from '@/components/ui/button';
import { ExpressionRows } from './expression-rows';
import { mappingPath, type MappingDraft } from './integration-draft';

// One mapping of the editor: which items (selector), where they go (blueprint), how an item is
// expanded (items_to_parse) and how it becomes an entity (identifier, title, properties,
// relations), each a JSONata expression over the item.

export type BlueprintFields = { id: string; title: string; properties: string[]; relations: string[] };

const control =
  'block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500';

function ExpressionField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  error?: string;
  onChange(value: string): void;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${control} font-mono`}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-${error ? 'error' : 'hint'}`}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

export function MappingCard({
  index,
  count,
  mapping,
  blueprints,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  mapping: MappingDraft;
  blueprints: BlueprintFields[];
  errors: Map<string, string>;
  onChange(mapping: MappingDraft): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const set = (patch: Partial<MappingDraft>) => onChange({ ...mapping, ...patch });
  const fields = blueprints.find((b) => b.id === mapping.blueprint);
  const id = (field: string) => `mapping-${mapping.key}-${field}`;
  const blueprintError = errors.get(mappingPath(index, 'blueprint'));
  return (
    <section aria-label={`Mapping ${index + 1}`} data-testid="mapping-card" className="space-y-4 rounded-lg border border-slate-200 p-4">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Mapping {index + 1}</h3>
        <div className="flex gap-1">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move mapping ${index + 1} up`}
          >
            ↑
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move mapping ${index + 1} down`}
          >
            ↓
          </Button>
          <Button type="button" variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove mapping ${index + 1}`}>
            Remove
          </Button>
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={id('blueprint')} className="block text-sm font-medium text-slate-700">
            Blueprint
          </label>
          <select
            id={id('blueprint')}
            value={mapping.blueprint}
            onChange={(e) => set({ blueprint: e.target.value })}
            className={control}
            aria-invalid={blueprintError ? true : undefined}
          >
            <option value="">Pick a blueprint</option>
            {blueprints.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
          {blueprintError && (
            <p role="alert" className="text-xs font-medium text-red-600">
              {blueprintError}
            </p>
          )}
        </div>
        <ExpressionField
          id={id('selector')}
          label="Selector (optional)"
          hint='Which items this mapping takes, e.g. kind = "repository". Empty: every item.'
          value={mapping.selector}
          error={errors.get(mappingPath(index, 'selector'))}
          onChange={(selector) => set({ selector })}
        />
        <ExpressionField
          id={id('identifier')}
          label="Identifier expression"
          hint="The entity's identifier, e.g. name or $lowercase(name)."
          value={mapping.identifier}
          error={errors.get(mappingPath(index, 'entity/identifier'))}
          onChange={(identifier) => set({ identifier })}
        />
        <ExpressionField
          id={id('title')}
          label="Title (optional)"
          hint="The entity's title, e.g. full_name."
          value={mapping.title}
          error={errors.get(mappingPath(index, 'entity/title'))}
          onChange={(title) => set({ title })}
        />
        <ExpressionField
          id={id('items')}
          label="Items to parse (optional)"
          hint="An array inside the item to map instead, one entity each, e.g. services (each bound as $item)."
          value={mapping.itemsToParse}
          error={errors.get(mappingPath(index, 'items_to_parse'))}
          onChange={(itemsToParse) => set({ itemsToParse })}
        />
      </div>
      <ExpressionRows
        label="Properties"
        group="properties"
        mapping={index}
        rows={mapping.properties}
        names={fields?.properties ?? []}
        errors={errors}
        onChange={(properties) => set({ properties })}
      />
      <ExpressionRows
        label="Relations"
        group="relations"
        mapping={index}
        rows={mapping.relations}
        names={fields?.relations ?? []}
        errors={errors}
        onChange={(relations) => set({ relations })}
      />
    </section>
  );
}
