'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { EndpointDetails } from './endpoint';
import { EndpointIndex } from './endpoint-index';
import { InlineMarkdown } from './inline-markdown';
import { MethodBadge } from './method-badge';
import { anchor, filterLines, groupByTag, type Endpoint, type EndpointLine, type OpenApiDoc, type TagLines } from './openapi-model';

// The endpoints of the API reference: the server sends one line per operation (method, path with
// the team's slug, summary, permission); a search box filters them; an operation's details are
// rendered here, in the browser, when it is opened, from the team's OpenAPI document fetched once.
// (Rendering every schema tree on the server made the page megabytes long for three blueprints.)

type Props = { groups: TagLines[]; documentUrl: string; slug: string; intro: React.ReactNode };

export function EndpointList({ groups, documentUrl, slug, intro }: Props) {
  const [search, setSearch] = useState('');
  const shown = useMemo(() => filterLines(groups, search), [groups, search]);
  const searching = search.trim() !== '';
  const count = shown.reduce((n, g) => n + g.endpoints.length, 0);
  return (
    <div className="flex gap-8">
      <EndpointIndex groups={shown} searching={searching} />
      <div className="min-w-0 max-w-5xl flex-1 space-y-8">
        {intro}
        <div role="search">
          <label htmlFor="api-reference-search" className="sr-only">
            Search the endpoints
          </label>
          <input
            id="api-reference-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            maxLength={200}
            placeholder="Search the endpoints: method, path, summary or permission…"
            className="h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-indigo-500"
          />
          <p aria-live="polite" className="mt-1 text-xs text-slate-500" data-testid="endpoint-count">
            {searching ? `${count} ${count === 1 ? 'endpoint matches' : 'endpoints match'}` : `${count} endpoints`}
          </p>
        </div>
        {searching && count === 0 && <p className="text-sm text-slate-500">No endpoint matches “{search.trim()}”.</p>}
        {shown.map((g) => (
          <section key={g.name} id={anchor('tag', g.name)} aria-label={g.name} className="scroll-mt-20 space-y-2">
            <div className="mb-1">
              <h2 className="text-lg font-semibold text-slate-900">{g.name}</h2>
              {g.description && (
                <p className="text-sm text-slate-500">
                  <InlineMarkdown text={g.description} />
                </p>
              )}
            </div>
            {g.endpoints.map((e) => (
              <EndpointLineView key={e.id} line={e} documentUrl={documentUrl} slug={slug} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

function EndpointLineView({ line, documentUrl, slug }: { line: EndpointLine; documentUrl: string; slug: string }) {
  const [opened, setOpened] = useState(false);
  return (
    // The api-line classes are in app/globals.css (named once for a hundred lines and more).
    <details data-operation={line.id} className="api-line" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="api-line-summary">
        <MethodBadge method={line.method} />
        <code className="min-w-0 truncate font-mono text-[13px] text-slate-800">{line.path}</code>
        <span className="min-w-0 flex-1 truncate text-sm text-slate-500">{line.summary}</span>
        <span
          className={`api-badge ${line.permission ? 'bg-indigo-50 text-indigo-700 ring-indigo-200' : 'bg-slate-100 text-slate-700 ring-slate-200'}`}
        >
          {line.who}
        </span>
        <span aria-hidden className="api-line-chevron">
          ▸
        </span>
      </summary>
      <div className="api-line-body">
        {/* The anchor sits inside the fold: following a link to it opens the endpoint (the browser
            expands a closed <details> for a fragment in it); the margin keeps its summary in view. */}
        <span id={anchor('op', line.id)} className="block scroll-mt-32" />
        {opened && <OpenedDetails id={line.id} documentUrl={documentUrl} slug={slug} />}
      </div>
    </details>
  );
}

/** The document, fetched the first time any endpoint is opened (the query cache keeps it). */
function OpenedDetails({ id, documentUrl, slug }: { id: string; documentUrl: string; slug: string }) {
  const document = useQuery({
    queryKey: ['team', slug, 'openapi'],
    queryFn: async () => {
      const response = await fetch(documentUrl, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(`The API document could not be loaded (${response.status}). Reload the page to try again.`);
      const doc = (await response.json()) as OpenApiDoc;
      const byId = new Map<string, Endpoint>(groupByTag(doc).flatMap((g) => g.endpoints.map((e) => [e.op.operationId, e] as const)));
      return { doc, byId };
    },
    staleTime: Infinity,
  });
  if (document.isPending) {
    return (
      <p aria-busy="true" className="text-sm text-slate-500">
        Loading the details…
      </p>
    );
  }
  if (document.isError) return <p className="text-sm text-red-700">{document.error.message}</p>;
  const endpoint = document.data.byId.get(id);
  if (!endpoint) return <p className="text-sm text-slate-500">This endpoint is no longer in the document: reload the page.</p>;
  return <EndpointDetails doc={document.data.doc} endpoint={endpoint} />;
}
