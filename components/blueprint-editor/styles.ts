export const inputClass =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500';
export const selectClass = `${inputClass} pr-7`;
export const labelClass = 'block text-xs font-medium text-slate-600';

/** The string formats the builder offers: [format keyword, what the menu says]. */
export const FORMATS: Array<[string, string]> = [
  ['', 'plain'],
  ['email', 'email'],
  ['uri', 'url'],
  ['date', 'date'],
  ['date-time', 'date-time'],
  ['semver', 'semver'],
  ['markdown', 'markdown'],
];
