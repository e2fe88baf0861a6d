'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { plural } from '@/components/ui/format';
import { Modal } from '@/components/ui/modal';
import { useDryRunDelete } from '@/components/ui/use-dry-run-delete';
import { blueprintHref, entityApiPath, entityHref } from './entity-href';

// Delete asks the server first what goes with the entity (?dry_run=true): the links other
// entities hold to it (listed, each a link) and its own. Deleting sends the version shown as
// If-Match, so a change made meanwhile by someone else is not deleted unseen (409: reload).

type Impact = {
  incoming_links: { count: number; sample: Array<{ blueprint: string; identifier: string; relation: string }> };
  outgoing_links: number;
};

export function DeleteEntityButton({
  team,
  blueprint,
  identifier,
  version,
}: {
  team: string;
  blueprint: string;
  identifier: string;
  version: number;
}) {
  const router = useRouter();
  const { impact, pending, error, open, confirm, close } = useDryRunDelete<Impact>(
    entityApiPath(team, blueprint, identifier),
    version,
    () => {
      router.push(blueprintHref(team, blueprint));
      router.refresh();
    },
  );

  const incoming = impact?.incoming_links;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button type="button" variant="ghost" aria-label={`Delete ${identifier}`} pending={pending && !impact} onClick={() => void open()}>
        Delete
      </Button>
      {error && !impact && (
        <span role="alert" className="max-w-xs text-right text-xs text-red-600">
          {error}
        </span>
      )}
      {impact && incoming && (
        <Modal title={`Delete “${identifier}”?`} onClose={close}>
          <p className="text-sm text-slate-700" data-testid="delete-entity-impact">
            {incoming.count === 0
              ? 'No other entity links to it.'
              : `${plural(incoming.count, 'link', 'links')} from other entities ${incoming.count === 1 ? 'points' : 'point'} to it and ${incoming.count === 1 ? 'goes' : 'go'} with it:`}
            {impact.outgoing_links > 0 && ` Its own ${plural(impact.outgoing_links, 'link', 'links')} go too.`}
          </p>
          {incoming.count > 0 && (
            <ul
              className="max-h-56 space-y-1 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
              aria-label="Entities linking to it"
            >
              {incoming.sample.map((s) => (
                <li key={`${s.blueprint}/${s.identifier}/${s.relation}`}>
                  <Link href={entityHref(team, s.blueprint, s.identifier)} className="font-mono text-indigo-700 hover:underline">
                    {s.identifier}
                  </Link>{' '}
                  <span className="text-slate-500">
                    ({s.blueprint}, {s.relation})
                  </span>
                </li>
              ))}
              {incoming.count > incoming.sample.length && (
                <li className="text-slate-500">and {plural(incoming.count - incoming.sample.length, 'more', 'more')}</li>
              )}
            </ul>
          )}
          <p className="text-sm text-slate-600">It cannot be undone; the audit log keeps the entity and its links.</p>
          {error && (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" autoFocus onClick={close}>
              Cancel
            </Button>
            <Button type="button" variant="danger" pending={pending} onClick={() => void confirm()}>
              Delete entity
            </Button>
          </div>
        </Modal>
      )}
    </span>
  );
}
