'use client';

import { useRef, useState } from 'react';
import { Button } from './button';

/**
 * A value to copy (a key, a secret shown once): the text, a Copy button and a polite message.
 * Without a clipboard (an insecure origin, a denied permission) the text is selected for Ctrl+C.
 */
export function CopyValue({ value, testId }: { value: string; testId?: string }) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const text = useRef<HTMLElement>(null);
  const copyValue = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      if (text.current) window.getSelection()?.selectAllChildren(text.current);
      setCopy('failed');
    }
  };
  return (
    <div>
      <div className="flex items-center gap-2">
        <code
          ref={text}
          data-testid={testId}
          className="min-w-0 flex-1 select-all break-all rounded-md border border-emerald-200 bg-white px-3 py-2 font-mono text-sm text-slate-800"
        >
          {value}
        </code>
        <Button variant={copy === 'copied' ? 'secondary' : 'primary'} onClick={copyValue} className="w-28 shrink-0">
          {copy === 'copied' ? '✓ Copied' : 'Copy'}
        </Button>
      </div>
      <p aria-live="polite" className="mt-1 h-4 text-xs text-slate-600">
        {copy === 'copied'
          ? 'Copied to the clipboard.'
          : copy === 'failed'
            ? 'Copying is blocked here: the text is selected, press Ctrl+C (⌘C).'
            : ''}
      </p>
    </div>
  );
}
