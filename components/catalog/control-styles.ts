// Shared Tailwind classes of the catalog's small form controls (one look for every input).
export const inputClass =
  'h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500';
export const selectClass = `${inputClass} pr-8`;
