'use client';

import { useState, useSyncExternalStore } from 'react';
import { THEME_COOKIE, THEMES, type Theme } from '@/lib/web/theme';

// System, light or dark: applied at once (the <html> data-theme attribute that globals.css reads)
// and kept for a year in a cookie, which the root layout reads on the next page.
const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const noSubscription = () => () => {};

function applyTheme(theme: Theme) {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
}

export function ThemeSwitch({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState(initial);
  // True once hydrated (false in the server's HTML): the switch answers clicks from then on.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const choose = (next: Theme) => {
    setTheme(next);
    applyTheme(next);
  };
  return (
    <fieldset className="px-3 py-2" data-ready={ready || undefined}>
      <legend className="mb-1 text-xs font-medium text-slate-500">Theme</legend>
      <div className="flex gap-1 rounded-md bg-slate-100 p-0.5">
        {THEMES.map((t) => (
          <label
            key={t}
            className={`flex-1 cursor-pointer rounded px-2 py-1 text-center text-xs has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
              theme === t ? 'bg-white font-medium text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'
            }`}
          >
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => choose(t)} className="sr-only" />
            {LABELS[t]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
