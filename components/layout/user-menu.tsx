import Link from 'next/link';
import { signOutAction } from '@/lib/web/auth-actions';
import { currentTheme } from '@/lib/web/current-theme';
import { DismissibleDetails } from './dismissible-details';
import { ThemeSwitch } from './theme-switch';

// The signed-in user's menu: who they are, their profile and security page, the colour theme, and sign out. A native <details>, keyboard-usable;
// Escape and a click outside close it.
export async function UserMenu({ name, email }: { name: string | null; email: string }) {
  const theme = await currentTheme();
  const initials = (name || email)
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <DismissibleDetails className="group relative" testId="user-menu">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-full focus-visible:outline-2 focus-visible:outline-indigo-500">
        {/* The accessible name holds the visible text (axe: label-content-name-mismatch). */}
        <span className="sr-only">Account menu: </span>
        <span className="hidden text-sm text-slate-600 sm:inline">{name || email}</span>
        <span aria-hidden className="flex h-8 w-8 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
          {initials}
        </span>
      </summary>
      <div className="absolute right-0 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg">
        <div className="px-3 py-2">
          <p className="text-sm font-medium text-slate-900">{name}</p>
          <p className="truncate text-xs text-slate-500">{email}</p>
        </div>
        <Link
          href="/profile"
          className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          Profile and security
        </Link>
        <ThemeSwitch initial={theme} />
        <form action={signOutAction}>
          <button
            type="submit"
            className="w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            Sign out
          </button>
        </form>
      </div>
    </DismissibleDetails>
  );
}
