import type { ReactNode } from 'react';
import { SsoButton } from './sso-button';

/**
 * The ways to sign in this Baseplate offers: single sign-on (when OIDC_* is set) and the password
 * form (unless BASEPLATE_PASSWORD_SIGNIN=false), with the page's error above them.
 */
export function SignInOptions({
  sso,
  callbackUrl,
  error,
  children,
}: {
  sso: { name: string } | null;
  callbackUrl: string;
  error: string | null;
  /** The password form, or null when password sign-in is off. */
  children: ReactNode;
}) {
  return (
    <div className="space-y-4">
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {sso && <SsoButton name={sso.name} callbackUrl={callbackUrl} />}
      {sso && children && (
        <p className="flex items-center gap-3 text-xs uppercase text-slate-500" aria-hidden>
          <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
        </p>
      )}
      {children ??
        (sso ? (
          <p className="text-sm text-slate-600">Password sign-in is turned off here: use single sign-on.</p>
        ) : (
          <p className="text-sm text-slate-600">No way to sign in is configured. Ask the administrator of this Baseplate.</p>
        ))}
    </div>
  );
}
