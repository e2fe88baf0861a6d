import type { ReactNode } from 'react';
import { AppToaster } from '@/components/ui/app-toaster';

// Every signed-in page: one toast region for all of them (it stays mounted across navigations
// between teams, the team list and a new team, so a toast raised before a redirect is seen after it).
export default function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <AppToaster />
    </>
  );
}
