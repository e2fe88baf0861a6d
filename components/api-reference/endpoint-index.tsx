import { MethodBadge } from './method-badge';
import { anchor, type TagLines } from './openapi-model';

// The left column: the page's sections and every endpoint by tag (those the search keeps), as links
// to their anchors.

const link =
  'flex items-center gap-2 rounded px-2 py-1 text-[13px] text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500';

export function EndpointIndex({ groups, searching }: { groups: TagLines[]; searching: boolean }) {
  return (
    <nav aria-label="API reference" className="sticky top-20 max-h-[calc(100vh-6rem)] w-64 shrink-0 overflow-y-auto pr-2 text-sm">
      <p className="px-2 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Start here</p>
      <ul className="mb-4">
        <li>
          <a className={link} href="#authentication">
            Authenticate
          </a>
        </li>
        <li>
          <a className={link} href="#typed-client">
            Typed client
          </a>
        </li>
        <li>
          <a className={link} href="#errors">
            Errors
          </a>
        </li>
      </ul>
      {groups.map((g) => (
        <details key={g.name} open={searching || g.name.startsWith('Blueprint: ')} className="group mb-1">
          <summary className="flex cursor-pointer list-none items-center justify-between rounded px-2 py-1 text-xs font-medium uppercase tracking-wide text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
            <span className="truncate">{g.name}</span>
            <span className="text-[10px] tabular-nums text-slate-500">{g.endpoints.length}</span>
          </summary>
          <ul className="mb-2">
            <li>
              <a className={`${link} text-xs text-slate-500`} href={`#${anchor('tag', g.name)}`}>
                Overview
              </a>
            </li>
            {g.endpoints.map((e) => (
              <li key={e.id}>
                <a className={link} href={`#${anchor('op', e.id)}`} title={`${e.method.toUpperCase()} ${e.path}`}>
                  <MethodBadge method={e.method} small />
                  <span className="truncate">{e.summary || e.path}</span>
                </a>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </nav>
  );
}
