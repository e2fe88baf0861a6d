'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { plural } from '@/components/ui/format';
import { Modal } from '@/components/ui/modal';
import { notifyOutcome } from '@/components/ui/notify';
import { useDryRunDelete } from '@/components/ui/use-dry-run-delete';

// Deleting a blueprint takes its entities with it: the dialog first asks the server what would go
// (?dry_run=true), says so, and deletes only once the blueprint's id is typed.

type Impact = { entities: number; relations: number; relation_definitions: number; scorecards: number; actions: number };

export function DeleteBlueprintButton({ team, blueprint, version }: { team: string; blueprint: string; version: number }) {
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const { impact, pending, error, open, confirm, close } = useDryRunDelete<Impact>(
    `/teams/${encodeURIComponent(team)}/blueprints/${encodeURIComponent(blueprint)}`,
    version,
    () => {
      // No Undo: its entities, links, scorecards and actions went with it.
      notifyOutcome('blueprint', blueprint, 'deleted');
      router.push(`/t/${team}`);
      router.refresh();
    },
  );

  return (
    <>
      <Button type="button" variant="dangerOutline" pending={pending && !impact} onClick={() => void open()}>
        Delete blueprint
      </Button>
      {error && !impact && (
        <span role="alert" className="ml-2 text-sm text-red-600">
          {error}
        </span>
      )}
      {impact && (
        <Modal title={`Delete the blueprint “${blueprint}”?`} onClose={close}>
          <p className="text-sm text-slate-700" data-testid="delete-impact">
            This deletes {plural(impact.entities, 'entity', 'entities')}, {plural(impact.relations, 'link', 'links')} between entities and{' '}
            {plural(impact.relation_definitions, 'relation', 'relations')}. It cannot be undone; the audit log keeps the record.
          </p>
          <label className="block space-y-1 text-sm">
            <span className="font-medium text-slate-700">
              Type <span className="font-mono">{blueprint}</span> to confirm
            </span>
            <input
              autoFocus
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
            />
          </label>
          {error && (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="button" variant="danger" disabled={typed !== blueprint} pending={pending} onClick={() => void confirm()}>
              Delete blueprint
            </Button>
          </div>
        </Modal>
      )}
    </>
  );
}
