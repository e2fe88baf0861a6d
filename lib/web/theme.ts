// The colour theme a person picked: the system's (the default), light or dark. Kept in a cookie so
// the server renders the page in it from the first byte (no flash, no inline script).

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'baseplate-theme';

export function themeOf(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
}
