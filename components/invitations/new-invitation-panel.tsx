'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { CopyValue } from '@/components/ui/copy-value';
import { formatDate } from '@/components/ui/format';

// The invitation link, shown once right after it is made, with a Copy button. Focus moves here so
// keyboard and screen-reader users land on it.
export function NewInvitationPanel({
  email,
  role,
  url,
  expiresAt,
  onClose,
}: {
  email: string;
  role: string;
  url: string;
  expiresAt: string;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      data-testid="new-invitation"
      aria-labelledby="new-invitation-title"
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-5 shadow-sm"
    >
      <h3 id="new-invitation-title" ref={heading} tabIndex={-1} className="font-semibold text-emerald-900 focus:outline-none">
        Invitation for {email} ({role})
      </h3>
      <p className="mt-2 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <span aria-hidden>⚠️</span>
        <span>
          <strong className="font-semibold">Copy this link now and send it to them. It will not be shown again.</strong> It works once, for{' '}
          {email} only, until {formatDate(expiresAt)}.
        </span>
      </p>
      <div className="mt-3">
        <CopyValue value={url} testId="new-invitation-url" />
      </div>
      <Button variant="secondary" onClick={onClose} className="mt-2">
        Done
      </Button>
    </section>
  );
}
