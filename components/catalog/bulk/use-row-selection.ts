'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

// The catalog's row selection: identifiers picked one by one (Shift+click adds the range from the
// last one clicked, on the page shown), a whole page, or "all N matching" the query. It survives
// paging within one query and clears when the query (filters, text) changes: `queryKey` is that
// query, serialised.

export type RowSelection = {
  /** Identifiers picked by hand (empty while allMatching). */
  picked: ReadonlySet<string>;
  /** Every entity matching the query, however many pages it spans. */
  allMatching: boolean;
  toggle(identifier: string, index: number, shift: boolean): void;
  /** Select (or unselect) every row of the page shown. */
  setPage(identifiers: string[], on: boolean): void;
  selectAllMatching(): void;
  clear(): void;
};

export function useRowSelection(queryKey: string, page: string[]): RowSelection {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const anchor = useRef<number | null>(null);
  const lastKey = useRef(queryKey);
  useEffect(() => {
    if (lastKey.current === queryKey) return;
    lastKey.current = queryKey;
    setPicked(new Set());
    setAllMatching(false);
    anchor.current = null;
  }, [queryKey]);

  const toggle = useCallback(
    (identifier: string, index: number, shift: boolean) => {
      // Read the anchor now: the updater runs later, after it has moved to this row.
      const from = shift ? anchor.current : null;
      setAllMatching(false);
      setPicked((current) => {
        // Out of "all matching", a click starts again from the page shown, all selected.
        const base = allMatching ? new Set(page) : current;
        const next = new Set(base);
        if (from !== null && from < page.length) {
          // A range takes the state of the row clicked, as in a file manager.
          const on = !base.has(identifier);
          const [low, high] = from < index ? [from, index] : [index, from];
          for (const id of page.slice(low, high + 1)) {
            if (on) next.add(id);
            else next.delete(id);
          }
        } else if (next.has(identifier)) next.delete(identifier);
        else next.add(identifier);
        return next;
      });
      anchor.current = index;
    },
    [page, allMatching],
  );

  const setPage = useCallback((identifiers: string[], on: boolean) => {
    setAllMatching(false);
    setPicked((current) => {
      const next = new Set(current);
      for (const id of identifiers) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const clear = useCallback(() => {
    setPicked(new Set());
    setAllMatching(false);
    anchor.current = null;
  }, []);

  return { picked, allMatching, toggle, setPage, selectAllMatching: () => setAllMatching(true), clear };
}
