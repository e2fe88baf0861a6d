'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

// The key, shown once right after it is made, with a copy button and a plain warning.
export function NewKeyPanel({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section data-testid="new-api-key" aria-label="New API key" className="rounded-xl border border-emerald-300 bg-emerald-50 p-5">
      <h2 className="font-semibold text-emerald-900">API key &ldquo;{name}&rdquo; created</h2>
      <p className="mt-1 text-sm text-emerald-800">Copy it now: it is shown this once, and Baseplate keeps only a hash of it.</p>
      <div className="mt-3 flex items-center gap-2">
        <code data-testid="new-api-key-value" className="min-w-0 flex-1 break-all rounded-md border border-emerald-200 bg-white px-3 py-2 font-mono text-xs text-slate-800">
          {secret}
        </code>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <Button variant="ghost" className="mt-3" onClick={onClose}>
        Done
      </Button>
    </section>
  );
}
