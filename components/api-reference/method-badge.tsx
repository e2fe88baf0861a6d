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
      // .api-method (app/globals.css): named once, this badge is on every line of the API reference.
      className={`api-method ${small ? 'api-method-small' : ''} ${TONES[method]}`}
    >
      {method === 'delete' && small ? 'DEL' : method}
    </span>
  );
}
