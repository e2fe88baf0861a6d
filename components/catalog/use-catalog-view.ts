'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { Field } from '@/lib/catalog-view/fields';
import { decodeView, viewHref, type ViewState } from '@/lib/catalog-view/view-state';

/**
 * The catalog table's view, read from and written to the URL. Paging pushes a history entry
 * (Back returns to the previous page); every other change replaces the current one.
 */
export function useCatalogView(fields: Field[]) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const view = useMemo(() => decodeView(params, fields), [params, fields]);
  const setView = useCallback(
    (next: ViewState, options: { push?: boolean } = {}) => {
      const href = viewHref(pathname, next);
      if (options.push) router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [pathname, router],
  );
  return { view, setView };
}
