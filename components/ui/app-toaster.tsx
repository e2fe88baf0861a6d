'use client';

import { Toaster } from 'sonner';

// The portal's one toast region (sonner: a polite live region, so a screen reader announces each
// toast). Mounted in the portal layout, above every team's pages, so a toast raised just before a
// navigation (a delete that leads back to the list) stays on screen. Unstyled sonner, styled here
// like the rest of the app: dark text on white, a solid indigo action button (contrast above 4.5:1).
export function AppToaster() {
  return (
    <Toaster
      position="bottom-right"
      closeButton
      containerAriaLabel="Notifications"
      toastOptions={{
        unstyled: true,
        closeButtonAriaLabel: 'Dismiss notification',
        classNames: {
          toast:
            'group flex w-[22rem] items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-900 shadow-lg',
          title: 'font-medium',
          description: 'text-slate-700',
          content: 'min-w-0 flex-1',
          icon: 'shrink-0',
          error: 'border-red-200 bg-red-50 text-red-800',
          actionButton:
            'shrink-0 rounded-md bg-indigo-700 px-2.5 py-1 text-xs font-semibold text-white shadow-sm hover:bg-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500',
          closeButton:
            'absolute -top-2 -left-2 flex h-5 w-5 items-center justify-center rounded-full border border-slate-300 bg-white text-slate-700 hover:bg-slate-100',
        },
      }}
    />
  );
}
