'use client';

import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';

// A relation change that would remove existing links (the server's 409): which relations, what
// changes and how many links go, and the choice to remove them or go back.

export type LinkImpact = { relation: string; change: 'removed' | 'retargeted' | 'retyped'; links: number };

const WHAT: Record<LinkImpact['change'], string> = {
  removed: 'is removed',
  retargeted: 'targets another blueprint',
  retyped: 'gets a narrower cardinality',
};

export function LinkImpactDialog({ impacts, pending, onCancel, onForce }: { impacts: LinkImpact[]; pending: boolean; onCancel(): void; onForce(): void }) {
  const total = impacts.reduce((n, i) => n + i.links, 0);
  const links = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'link' : 'links'}`;
  return (
    <Modal title={`This save removes ${links(total)} between entities`} onClose={onCancel}>
      <ul className="space-y-1 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" aria-label="Links removed">
        {impacts.map((i) => (
          <li key={i.relation}>
            <span className="font-mono text-slate-900">{i.relation}</span> {WHAT[i.change]}: <strong>{links(i.links)}</strong> removed
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">The removal is recorded in the audit log; the entities themselves stay.</p>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" autoFocus onClick={onCancel}>
          Back to the editor
        </Button>
        <Button type="button" variant="danger" pending={pending} onClick={onForce}>
          Remove {links(total)} and save
        </Button>
      </div>
    </Modal>
  );
}
