'use client';

import { createContext, useContext } from 'react';
import { FORMATS } from './styles';

// What the property builder offers beyond a blueprint's own needs. A blueprint's properties take
// the plain formats; an action's user inputs (the same builder, components/actions) also take
// "entity": an input that names an entity of a blueprint (`{"format": "entity", "blueprint": ...}`),
// rendered as an entity picker by the generated form.

export type BuilderOptions = {
  formats: Array<[string, string]>;
  /** The blueprints an entity input may point to; null where entity inputs are not offered. */
  entityBlueprints: Array<{ id: string; title: string }> | null;
};

export const ENTITY_FORMAT: [string, string] = ['entity', 'entity (picker)'];

export const BuilderOptionsContext = createContext<BuilderOptions>({ formats: FORMATS, entityBlueprints: null });

export const useBuilderOptions = () => useContext(BuilderOptionsContext);
