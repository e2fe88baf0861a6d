// A nested object: a fieldset of its own generated properties.

import type { ReactNode } from 'react';
import type { FieldNode } from '@/lib/forms/schema-to-fields';
import { FieldsetShell } from '../field-shell';

export function ObjectFieldset({
  field,
  id,
  error,
  renderField,
}: {
  field: FieldNode;
  id: string;
  error?: string;
  renderField: (child: FieldNode) => ReactNode;
}) {
  return (
    <FieldsetShell id={id} label={field.label} required={field.required} help={field.description} error={error}>
      <div className="space-y-4">{field.children?.map(renderField)}</div>
    </FieldsetShell>
  );
}
