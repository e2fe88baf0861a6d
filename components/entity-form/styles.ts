// Shared Tailwind classes of the entity form's controls (the house input look of components/ui/field).

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus:ring-red-500/30';

export const fieldsetClass = 'space-y-4 rounded-lg border border-slate-200 p-4 aria-[invalid=true]:border-red-400';

export const legendClass = 'px-1 text-sm font-semibold text-slate-800';
