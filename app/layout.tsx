import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { currentTheme } from '@/lib/web/current-theme';
import './globals.css';
import { Providers } from './providers';

// Every page is rendered per request, so each gets the Content-Security-Policy nonce the server
// sets (lib/cli/security-headers.ts); a page prerendered at build time would carry none and its
// inline scripts would be refused.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Baseplate', template: '%s · Baseplate' },
  description: 'The software catalog of your engineering organisation',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = await currentTheme();
  return (
    <html lang="en" data-theme={theme === 'system' ? undefined : theme}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
