import Link from 'next/link';
import { ownValue } from '@/lib/domain/own-keys';
import type { IncomingLinks, RelatedView } from '@/lib/relations/entity-links';
import { entityHref } from './entity-href';

// An entity's links: outgoing, one line per relation its blueprint declares (empty ones say so),
// and incoming ("Linked from"), the first 100 of them with the total.

type Relations = Record<string, { title: string | null }>;

const linkClass = 'group hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500';

/** A linked entity: its title when it has one, then its identifier. */
function EntityLink({ href, title, identifier }: { href: string; title: string | null; identifier: string }) {
  return (
    <Link href={href} className={linkClass}>
      {title && <span className="mr-1.5 text-sm text-slate-900 group-hover:text-indigo-700">{title}</span>}
      <span className="font-mono text-xs text-indigo-700">{identifier}</span>
    </Link>
  );
}

export function EntityRelations({
  team,
  definitions,
  related,
  incoming,
}: {
  team: string;
  definitions: Relations;
  related: RelatedView;
  incoming: IncomingLinks;
}) {
  const ids = Object.keys(definitions);
  if (ids.length === 0 && incoming.count === 0) return null;
  return (
    <aside aria-label="Relations" className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
      <h2 className="mb-3 text-xs font-semibold uppercase tracking-wide text-slate-500">Relations</h2>
      <dl className="space-y-3">
        {ids.map((id) => {
          const { title } = definitions[id];
          const targets = ownValue<RelatedView[string]>(related, id) ?? [];
          return (
            <div key={id} data-testid={`relation-${id}`}>
              <dt className="text-xs text-slate-500">{title ?? id}</dt>
              <dd>
                {targets.length === 0 ? (
                  <span className="text-xs text-slate-500">none</span>
                ) : (
                  <ul className="space-y-0.5">
                    {targets.map((t) => (
                      <li key={t.identifier}>
                        <EntityLink href={entityHref(team, t.blueprint, t.identifier)} title={t.title} identifier={t.identifier} />
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          );
        })}
        {incoming.count > 0 && (
          <div data-testid="relations-incoming">
            <dt className="text-xs text-slate-500">
              Linked from
              {incoming.count > incoming.sample.length ? ` (${incoming.sample.length} of ${incoming.count.toLocaleString('en-US')})` : ''}
            </dt>
            <dd>
              <ul className="space-y-0.5">
                {incoming.sample.map((l) => (
                  <li key={`${l.blueprint}/${l.identifier}/${l.relation}`}>
                    <EntityLink href={entityHref(team, l.blueprint, l.identifier)} title={l.title} identifier={l.identifier} />{' '}
                    <span className="text-xs text-slate-500">
                      ({l.blueprint}, {l.relation})
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </aside>
  );
}
