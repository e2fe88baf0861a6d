'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import { CopyValue } from './copy-value';
import { Modal } from './modal';

// A secret shown once (an action's signing secret, an integration's secret): after a create and
// after a rotation. Baseplate keeps it sealed and never shows it again; `children` says where it goes.
export function SecretOnceDialog({
  title,
  secret,
  testId,
  onClose,
  children,
}: {
  title: string;
  secret: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <Modal title={title} onClose={onClose}>
      <p className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <span aria-hidden>⚠️</span>
        <span>
          <strong className="font-semibold">Copy it now: it will not be shown again.</strong> {children}
        </span>
      </p>
      <CopyValue value={secret} testId={testId} />
      <div className="flex justify-end">
        <Button onClick={onClose}>Done</Button>
      </div>
    </Modal>
  );
}
