// What the sign-in page says for the `error` its URL carries: the reasons single sign-on refuses
// (lib/auth/sso/sso-sign-in.ts) and the error types Auth.js redirects with (pages.error). Pure.

const MESSAGES: Record<string, string> = {
  email_unverified:
    'Your identity provider has not verified your email address, so it cannot sign you in here. Verify the address with your provider, then try again.',
  email_missing: 'Your identity provider did not share an email address, which Baseplate needs to sign you in.',
  subject_missing: 'Your identity provider sent an incomplete answer. Try again or contact an administrator.',
  account_suspended: 'This account is suspended. Contact an administrator.',
  account_inactive: 'This account is inactive. Contact an administrator.',
};

const FAILED = "Single sign-on failed: the identity provider's answer could not be accepted. Try again or contact an administrator.";

/** The message for an `error` search parameter, or null when there is none. */
export function signInErrorMessage(error: string | string[] | undefined): string | null {
  const code = Array.isArray(error) ? error[0] : error;
  if (!code) return null;
  return MESSAGES[code] ?? FAILED;
}
