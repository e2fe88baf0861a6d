// Renders one generated field: picks its control and wraps it with label, help text and error.

'use client';

import { TagInput } from '@/components/ui/tag-input';
import type { FieldNode } from '@/lib/forms/schema-to-fields';
import { ArrayOfObjectsControl } from './controls/array-of-objects-control';
import { DateControl } from './controls/date-control';
import { JsonFallbackControl } from './controls/json-fallback-control';
import { MultiSelectControl } from './controls/multi-select-control';
import { NumberControl } from './controls/number-control';
import { ObjectFieldset } from './controls/object-fieldset';
import { SelectControl } from './controls/select-control';
import { TextControl } from './controls/text-control';
import { ToggleControl } from './controls/toggle-control';
import { EntityInputControl } from './controls/entity-input-control';
import { describedByFor, FieldsetShell, HelpAndError, LabelShell, RequiredMark } from './field-shell';
import { useFormApi, type ControlProps } from './form-context';

// Controls whose errors may sit below their own pointer (one bad tag, a JSON value's inside).
const DEEP = new Set(['tags', 'multiselect', 'json']);

/** `prefix` is the pointer the field's path is relative to: '/data', or a repeatable row's pointer. */
export function SchemaField({ field, prefix }: { field: FieldNode; prefix: string }) {
  const form = useFormApi();
  const pointer = prefix + field.path;
  const id = form.idFor(pointer);
  const error = form.errorFor(pointer, DEEP.has(field.control));
  const help = [field.description, field.hint].filter(Boolean).join(' · ') || undefined;
  const props: ControlProps = {
    field,
    id,
    pointer,
    value: form.get(pointer),
    onChange: (v) => form.set(pointer, v),
    onBlur: () => form.touch(pointer),
    invalid: Boolean(error),
    describedBy: describedByFor(id, help, error),
  };

  switch (field.control) {
    case 'object':
      return (
        <ObjectFieldset
          field={field}
          id={id}
          error={error}
          renderField={(child) => <SchemaField key={child.path} field={child} prefix={prefix} />}
        />
      );
    case 'rows':
      return (
        <ArrayOfObjectsControl
          {...props}
          error={error}
          renderField={(child, rowPointer) => <SchemaField key={child.path} field={child} prefix={rowPointer} />}
        />
      );
    case 'entity':
    case 'entities':
      return (
        <LabelShell id={id} label={field.label} required={field.required} help={help} error={error}>
          <EntityInputControl {...props} multiple={field.control === 'entities'} />
        </LabelShell>
      );
    case 'multiselect':
      return (
        <FieldsetShell id={id} label={field.label} required={field.required} help={help} error={error} plain>
          <MultiSelectControl {...props} />
        </FieldsetShell>
      );
    case 'toggle':
      return (
        <div className="space-y-1">
          <div className="flex items-center gap-3">
            <ToggleControl {...props} />
            <label htmlFor={id} className="text-sm font-medium text-slate-700">
              {field.label}
              {field.required && <RequiredMark />}
            </label>
          </div>
          <HelpAndError id={id} help={help} error={error} />
        </div>
      );
    default:
      return (
        <LabelShell id={id} label={field.label} required={field.required} help={help} error={error}>
          {leafControl(props)}
        </LabelShell>
      );
  }
}

function leafControl(props: ControlProps) {
  switch (props.field.control) {
    case 'number':
      return <NumberControl {...props} />;
    case 'select':
      return <SelectControl {...props} />;
    case 'date':
    case 'datetime':
      return <DateControl {...props} />;
    case 'tags':
      return <TagsControl {...props} />;
    case 'json':
      return <JsonFallbackControl {...props} />;
    default:
      return <TextControl {...props} />;
  }
}

/** A list of strings: the portal's tag input, its empty list stored as no value at all. */
function TagsControl({ field, id, pointer, value, onChange, onBlur, invalid, describedBy }: ControlProps) {
  const tags = Array.isArray(value) ? value.map(String) : [];
  return (
    <TagInput
      value={tags}
      onChange={(next) => onChange(next.length ? next : undefined)}
      label={field.label}
      id={id}
      describedBy={describedBy}
      required={field.required}
      maxItems={field.maxItems}
      invalid={invalid}
      onBlur={onBlur}
      inputProps={{ 'data-pointer': pointer }}
    />
  );
}
