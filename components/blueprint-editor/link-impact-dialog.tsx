'use client';

import { Button } from '@/components/ui/button';
import { plural } from '@/components/ui/format';
import { Modal } from '@/components/ui/modal';

// A relation change that affects existing entities (the server's 409): links it would remove,
// and entities left without a link that becomes required. Saving anyway applies it (audited).

export type LinkImpact =
  | { relation: string; change: 'removed' | 'retargeted' | 'retyped'; links: number }
  | { relation: string; change: 'required'; entities: number; entities_is_lower_bound: boolean };

const WHAT = {
  removed: 'is removed',
  retargeted: 'targets another blueprint',
  retyped: 'gets a narrower cardinality',
  required: 'becomes required',
};

export function LinkImpactDialog({
  impacts,
  pending,
  onCancel,
  onForce,
}: {
  impacts: LinkImpact[];
  pending: boolean;
  onCancel(): void;
  onForce(): void;
}) {
  const total = impacts.reduce((n, i) => n + ('links' in i ? i.links : 0), 0);
  const title =
    total > 0
      ? `This save removes ${plural(total, 'link', 'links')} between entities`
      : 'Some entities lack a link this save makes required';
  return (
    <Modal title={title} onClose={onCancel}>
      <ul className="space-y-1 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" aria-label="What the save changes">
        {impacts.map((i) => (
          <li key={i.relation + i.change}>
            <span className="font-mono text-slate-900">{i.relation}</span> {WHAT[i.change]}:{' '}
            {'links' in i ? (
              <>
                <strong>{plural(i.links, 'link', 'links')}</strong> removed
              </>
            ) : (
              <>
                <strong>
                  {plural(i.entities, 'entity', 'entities')}
                  {i.entities_is_lower_bound ? '+' : ''}
                </strong>{' '}
                without one keep their data, and need a link on their next save
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">The change is recorded in the audit log; no entity is deleted.</p>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" autoFocus onClick={onCancel}>
          Back to the editor
        </Button>
        <Button type="button" variant="danger" pending={pending} onClick={onForce}>
          {total > 0 ? `Remove ${plural(total, 'link', 'links')} and save` : 'Save anyway'}
        </Button>
      </div>
    </Modal>
  );
}
