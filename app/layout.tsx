import type { Metadata } from 'next';
import type { ReactNode } from 'react';
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
