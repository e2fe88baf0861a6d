'use client';

import { useRef, useState } from 'react';
import { Button } from './button';

/**
 * A destructive action in two steps: the button asks first, then a confirm and a cancel button take
 * its place (the confirm gets focus; Escape or Cancel backs out and gives focus back to the button).
 * `onConfirm` returns the mutation's promise; the question closes once it settles either way.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  ariaLabel,
  size,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  ariaLabel?: string;
  size?: 'sm' | 'md';
  onConfirm: () => Promise<unknown>;
}) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  const close = () => {
    setAsking(false);
    requestAnimationFrame(() => box.current?.querySelector('button')?.focus());
  };
  return (
    <span ref={box} className="inline-flex items-center gap-2" onKeyDown={(e) => e.key === 'Escape' && asking && !pending && close()}>
      {asking ? (
        <>
          <Button
            variant="danger"
            size={size}
            autoFocus
            pending={pending}
            onClick={async () => {
              setPending(true);
              await onConfirm().catch(() => undefined);
              setPending(false);
              close();
            }}
          >
            {confirmLabel}
          </Button>
          <Button variant="secondary" size={size} disabled={pending} onClick={close}>
            Cancel
          </Button>
        </>
      ) : (
        <Button variant="dangerOutline" size={size} aria-label={ariaLabel} onClick={() => setAsking(true)}>
          {label}
        </Button>
      )}
    </span>
  );
}
