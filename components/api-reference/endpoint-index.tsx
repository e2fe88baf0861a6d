import { useState } from 'react';
import { MethodBadge } from './method-badge';
import { anchor, type TagLines } from './openapi-model';

// The left column: the page's sections and every endpoint by tag (those the search keeps), as links
// to their anchors. A folded tag's links are rendered once it is opened: the first paint carries
// only the team's blueprint tags, open, and the names of the others.

export function EndpointIndex({ groups, searching }: { groups: TagLines[]; searching: boolean }) {
  return (
    <nav aria-label="API reference" className="sticky top-20 max-h-[calc(100vh-6rem)] w-64 shrink-0 overflow-y-auto pr-2 text-sm">
      <p className="px-2 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Start here</p>
      <ul className="mb-4">
        <li>
          <a className="api-index-link" href="#authentication">
            Authenticate
          </a>
        </li>
        <li>
          <a className="api-index-link" href="#typed-client">
            Typed client
          </a>
        </li>
        <li>
          <a className="api-index-link" href="#errors">
            Errors
          </a>
        </li>
      </ul>
      {groups.map((g) => (
        <IndexGroup key={g.name} group={g} open={searching || g.name.startsWith('Blueprint: ')} />
      ))}
    </nav>
  );
}

function IndexGroup({ group, open }: { group: TagLines; open: boolean }) {
  const [opened, setOpened] = useState(false);
  return (
    <details open={open} className="group mb-1" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="flex cursor-pointer list-none items-center justify-between rounded px-2 py-1 text-xs font-medium uppercase tracking-wide text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
        <span className="truncate">{group.name}</span>
        <span className="text-[10px] tabular-nums text-slate-500">{group.endpoints.length}</span>
      </summary>
      {(open || opened) && (
        <ul className="mb-2">
          <li>
            <a className="api-index-link text-xs text-slate-500" href={`#${anchor('tag', group.name)}`}>
              Overview
            </a>
          </li>
          {group.endpoints.map((e) => (
            <li key={e.id}>
              <a className="api-index-link" href={`#${anchor('op', e.id)}`} title={`${e.method.toUpperCase()} ${e.path}`}>
                <MethodBadge method={e.method} small />
                <span className="truncate">{e.summary || e.path}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
