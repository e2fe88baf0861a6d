import { EndpointList } from './endpoint-list';
import { GettingStarted } from './getting-started';
import { groupByTag, linesOf, type OpenApiDoc } from './openapi-model';

// The team's API reference: authentication, errors and the typed client on top, rendered on the
// server; then every endpoint by tag as one line each (the team's blueprint tags first), with a
// search box, their details rendered in the browser when opened (see endpoint-list.tsx).

export function ApiReference({
  doc,
  slug,
  documentUrl,
  canManageKeys,
}: {
  doc: OpenApiDoc;
  slug: string;
  documentUrl: string;
  canManageKeys: boolean;
}) {
  const all = groupByTag(doc);
  const groups = [...all.filter((g) => g.name.startsWith('Blueprint: ')), ...all.filter((g) => !g.name.startsWith('Blueprint: '))];
  const serverUrl = doc.servers?.[0]?.url ?? '';
  return (
    <EndpointList
      groups={linesOf(groups, slug)}
      documentUrl={documentUrl}
      slug={slug}
      intro={
        <>
          <GettingStarted doc={doc} serverUrl={serverUrl} slug={slug} documentUrl={documentUrl} canManageKeys={canManageKeys} />
          {!groups.some((g) => g.name.startsWith('Blueprint: ')) && (
            <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">
              No blueprints yet: once the team has one, its entity endpoints appear here first, typed by its schema.
            </p>
          )}
        </>
      }
    />
  );
}
