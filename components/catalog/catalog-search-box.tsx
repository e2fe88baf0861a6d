'use client';

import { useEffect, useRef, useState } from 'react';
import { MAX_Q } from '@/lib/catalog-view/view-state';
import { inputClass } from './control-styles';

// The table's text search (`q`): typed freely, sent 300 ms after the last key. A change from
// outside (Clear filters, Back) replaces what the box shows.

export function CatalogSearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // the URL changed under the box: show its text (render-time sync, no effect loop)
    setShown(value);
    setText(value);
  }
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = setTimeout(() => latest.current(text), 300);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <div className="relative w-80">
      <span aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 -translate-y-1/2 text-slate-500">
        ⌕
      </span>
      <input
        type="search"
        aria-label="Search entities"
        placeholder="Search identifier, title, text…"
        maxLength={MAX_Q}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onSearch(text)}
        className={`${inputClass} w-full pl-8`}
      />
    </div>
  );
}
