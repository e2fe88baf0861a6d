'use client';

import { createContext, useContext } from 'react';
import { EntityPicker } from '@/components/ui/entity-picker';
import type { ControlProps } from '../form-context';
import { TextControl } from './text-control';

/** The team whose entities an entity input picks from (EntityForm's `team`). */
export const FormTeamContext = createContext<string | null>(null);

// An input that names an entity (format "entity", an action's user inputs): the relation fields'
// picker over the blueprint the schema names, one identifier or a list. Outside a team (no
// context) it falls back to a text box for the identifier.
export function EntityInputControl(props: ControlProps & { multiple: boolean }) {
  const team = useContext(FormTeamContext);
  const { field, id, pointer, value, onChange, onBlur, invalid, describedBy, multiple } = props;
  if (!team || !field.blueprint) return <TextControl {...props} />;
  const chosen = Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [];
  return (
    <EntityPicker
      team={team}
      blueprint={field.blueprint}
      noun={field.label.toLowerCase()}
      multiple={multiple}
      value={chosen}
      onChange={(next) => {
        onChange(multiple ? (next.length ? next : undefined) : next[0]);
        onBlur();
      }}
      onBlur={onBlur}
      id={id}
      pointer={pointer}
      invalid={invalid}
      describedBy={describedBy}
    />
  );
}
