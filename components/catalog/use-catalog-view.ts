'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import type { Field } from '@/lib/catalog-view/fields';
import { decodeView, viewHref, type ViewState } from '@/lib/catalog-view/view-state';

/**
 * The catalog table's view, read from and written to the URL. Paging pushes a history entry
 * (Back returns to the previous page); every other change replaces the current one.
 *
 * A navigation commits after a while (the page is fetched first), and the URL keeps the old view
 * until then: a change made meanwhile (search text typed right after "Apply filters") would be
 * built on that old view and drop the filter. So the view last set is what the table shows and
 * builds on until the URL changes; any change of the URL (the one set, Back, a link) wins.
 */
export function useCatalogView(fields: Field[]) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const decoded = useMemo(() => decodeView(params, fields), [params, fields]);
  const url = params.toString();
  const [seenUrl, setSeenUrl] = useState(url);
  const [pending, setPending] = useState<ViewState | null>(null);
  if (url !== seenUrl) {
    // render-time sync: the URL moved, so it is the view again
    setSeenUrl(url);
    setPending(null);
  }
  const setView = useCallback(
    (next: ViewState, options: { push?: boolean } = {}) => {
      setPending(next);
      const href = viewHref(pathname, next);
      if (options.push) router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [pathname, router],
  );
  return { view: pending ?? decoded, setView };
}
