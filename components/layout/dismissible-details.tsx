'use client';

import { useEffect, useRef, type ReactNode } from 'react';

// A native <details> menu (keyboard-usable and working before hydration) that also closes as a
// menu should: on Escape (focus back on its summary) and on a press anywhere outside it.
export function DismissibleDetails({ className, children, testId }: { className?: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(e.target as Node)) details.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      const details = ref.current;
      if (e.key !== 'Escape' || !details?.open) return;
      details.open = false;
      if (details.contains(document.activeElement) || document.activeElement === document.body) details.querySelector('summary')?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, []);
  return (
    <details ref={ref} className={className} data-testid={testId}>
      {children}
    </details>
  );
}
