import type { Method } from './openapi-model';

const TONES: Record<Method, string> = {
  get: 'bg-sky-50 text-sky-700 ring-sky-200',
  post: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  put: 'bg-amber-50 text-amber-800 ring-amber-200',
  patch: 'bg-violet-50 text-violet-700 ring-violet-200',
  delete: 'bg-red-50 text-red-700 ring-red-200',
};

/** GET / POST / ... as a fixed-width coloured label, so paths line up in a list. */
export function MethodBadge({ method, small }: { method: Method; small?: boolean }) {
  return (
    <span
      className={`inline-flex shrink-0 justify-center rounded font-mono font-semibold uppercase ring-1 ring-inset ${small ? 'w-11 px-1 text-[10px]' : 'w-16 px-1.5 py-0.5 text-xs'} ${TONES[method]}`}
    >
      {method === 'delete' && small ? 'DEL' : method}
    </span>
  );
}
