'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { CopyValue } from '@/components/ui/copy-value';

// The key, shown once right after it is made: a copy button and a plain warning that it will
// not be shown again. Focus moves here so keyboard and screen-reader users land on it. Also the
// profile page's personal access token (`what`, `testId`, `usage` say which).
export function NewKeyPanel({
  name,
  secret,
  onClose,
  what = 'API key',
  testId = 'new-api-key',
  usage = 'bp_…',
}: {
  name: string;
  secret: string;
  onClose: () => void;
  what?: string;
  testId?: string;
  usage?: string;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      data-testid={testId}
      aria-labelledby={`${testId}-title`}
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-5 shadow-sm"
    >
      <h2 id={`${testId}-title`} ref={heading} tabIndex={-1} className="font-semibold text-emerald-900 focus:outline-none">
        {what} &ldquo;{name}&rdquo; created
      </h2>
      <p className="mt-2 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <span aria-hidden>⚠️</span>
        <span>
          <strong className="font-semibold">Copy it now. It will not be shown again:</strong> Baseplate keeps only a hash of it. If you lose
          it, revoke it and create a new one.
        </span>
      </p>
      <div className="mt-3">
        <CopyValue value={secret} testId={`${testId}-value`} />
      </div>
      <div className="mt-2 flex items-center gap-3">
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
        <span className="text-xs text-slate-500">
          Use it as <code className="font-mono">Authorization: Bearer {usage}</code>
        </span>
      </div>
    </section>
  );
}
