'use client';

import { createContext, useContext } from 'react';

// What the catalog's controls need beyond a blueprint's fields: the team (for the entity
// pickers' searches) and its blueprints (which a "Related to…" rule may name).

export type CatalogBlueprint = { id: string; title: string; icon: string | null };
export type CatalogContextValue = { team: string; blueprints: CatalogBlueprint[] };

export const CatalogContext = createContext<CatalogContextValue>({ team: '', blueprints: [] });

export const useCatalogContext = () => useContext(CatalogContext);
