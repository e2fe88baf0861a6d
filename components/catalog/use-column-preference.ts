'use client';

import { useCallback, useSyncExternalStore } from 'react';

// Which columns a person chose for a blueprint's table, remembered in this browser per team and
// blueprint. A link with `cols` wins over it (the link's view is the one to reproduce).

const keyOf = (team: string, blueprint: string) => `baseplate:catalog-columns:${team}:${blueprint}`;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the default columns it is
  }
}

export function useColumnPreference(team: string, blueprint: string) {
  const key = keyOf(team, blueprint);
  const raw = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const saved = parseSaved(raw);
  const save = useCallback(
    (columns: string[] | null) => {
      try {
        if (columns) window.localStorage.setItem(key, JSON.stringify(columns));
        else window.localStorage.removeItem(key);
      } catch {
        // storage full or disabled: the URL still carries the choice
      }
      listeners.forEach((l) => l());
    },
    [key],
  );
  return { saved, save };
}

function parseSaved(raw: string | null): string[] | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}
