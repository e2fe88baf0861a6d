'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { plural, sentence } from '@/components/ui/format';
import { Modal } from '@/components/ui/modal';
import { notifyFailed, notifyOutcome } from '@/components/ui/notify';
import { useDryRunDelete } from '@/components/ui/use-dry-run-delete';
import { api, ApiError } from '@/lib/web/api-client';
import { blueprintHref, entityApiPath, entityHref } from './entity-href';

// Delete asks the server first what goes with the entity (?dry_run=true): the links other
// entities hold to it (listed, each a link) and its own. Deleting sends the version shown as
// If-Match, so a change made meanwhile by someone else is not deleted unseen (409: reload).
// The toast after it offers Undo (POST .../restore with the entity's id: it comes back under the
// same id, with its own links, as its next version) only when no other entity linked to it: those
// links go with it and a restore cannot bring them back (the server refuses it, 409).

type Impact = {
  incoming_links: { count: number; sample: Array<{ blueprint: string; identifier: string; relation: string }> };
  outgoing_links: number;
};

export function DeleteEntityButton({
  team,
  blueprint,
  kind,
  entityId,
  identifier,
  version,
}: {
  team: string;
  blueprint: string;
  /** The blueprint's title, for the toast ("Service “checkout” deleted."). */
  kind: string;
  entityId: string;
  identifier: string;
  version: number;
}) {
  const router = useRouter();

  async function undo() {
    try {
      await api(`${entityApiPath(team, blueprint, identifier)}/restore`, { method: 'POST', body: { version, entity_id: entityId } });
      notifyOutcome(kind, identifier, 'restored');
      router.push(entityHref(team, blueprint, identifier));
      router.refresh();
    } catch (e) {
      notifyFailed(`Could not restore “${identifier}”.`, e instanceof ApiError ? sentence(e.message) : 'Could not reach the server.');
    }
  }

  const { impact, pending, error, open, confirm, close } = useDryRunDelete<Impact>(
    entityApiPath(team, blueprint, identifier),
    version,
    () => {
      const undoable = impact?.incoming_links.count === 0;
      notifyOutcome(kind, identifier, 'deleted', undoable ? { undo } : { description: 'Links from other entities went with it.' });
      router.push(blueprintHref(team, blueprint));
      router.refresh();
    },
  );

  const incoming = impact?.incoming_links;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="dangerOutline"
        aria-label={`Delete ${identifier}`}
        pending={pending && !impact}
        onClick={() => void open()}
      >
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
          <p className="text-sm text-slate-600">
            {incoming.count === 0
              ? 'You can undo it for a few seconds afterwards; the audit log keeps the entity and its links.'
              : 'It cannot be undone, because the links to it go too; the audit log keeps the entity and its links.'}
          </p>
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
