'use client';

import { useEffect } from 'react';

/**
 * While `dirty`, leaving the page asks first ("You have unsaved changes to `what`. Leave without
 * saving?"): closing or reloading the tab (the browser's own
 * prompt) and following an in-app link (the App Router has no navigation guard, so link clicks
 * are caught on their way down, before Next's Link handles them).
 */
export function useUnsavedGuard(dirty: boolean, what: string) {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      const anchor = (event.target as Element | null)?.closest?.('a[href]');
      if (!anchor || event.defaultPrevented || anchor.getAttribute('target') === '_blank') return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      if (!window.confirm(`You have unsaved changes to ${what}. Leave without saving?`)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, what]);
}
