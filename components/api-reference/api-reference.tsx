import { Endpoint } from './endpoint';
import { EndpointIndex } from './endpoint-index';
import { GettingStarted } from './getting-started';
import { InlineMarkdown } from './inline-markdown';
import { anchor, groupByTag, type OpenApiDoc } from './openapi-model';

// The team's API reference, rendered on the server from its OpenAPI document: the endpoint index
// on the left; authentication, errors and the typed client on top; then every endpoint by tag,
// each folded to one line until opened (the team's blueprint tags come first).

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
    <div className="flex gap-8">
      <EndpointIndex groups={groups} />
      <div className="min-w-0 max-w-5xl flex-1 space-y-8">
        <GettingStarted doc={doc} serverUrl={serverUrl} slug={slug} documentUrl={documentUrl} canManageKeys={canManageKeys} />
        {!groups.some((g) => g.name.startsWith('Blueprint: ')) && (
          <p className="rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500">
            No blueprints yet: once the team has one, its entity endpoints appear here first, typed by its schema.
          </p>
        )}
        {groups.map((g) => (
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
              <Endpoint key={e.op.operationId} doc={doc} endpoint={e} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
