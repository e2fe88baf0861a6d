'use client';

import { Button } from '@/components/ui/button';

// Keyset pages: Next follows the server's cursor, Previous pops the stack kept in the URL, First
// clears it. There are no page numbers to jump to: keyset pages cost the same at any depth.

type Props = { page: number; hasNext: boolean; busy: boolean; onFirst: () => void; onPrevious: () => void; onNext: () => void };

export function CatalogPager({ page, hasNext, busy, onFirst, onPrevious, onNext }: Props) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-end gap-2">
      <span className="mr-2 text-sm text-slate-500">Page {page}</span>
      <Button variant="secondary" disabled={page === 1} onClick={onFirst}>
        First
      </Button>
      <Button variant="secondary" disabled={page === 1} onClick={onPrevious}>
        ← Previous
      </Button>
      <Button variant="secondary" disabled={!hasNext || busy} onClick={onNext}>
        Next →
      </Button>
    </nav>
  );
}
