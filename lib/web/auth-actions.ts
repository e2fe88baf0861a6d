'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { headers } from 'next/headers';
import { passwordProblem } from '@/lib/auth/password-policy';
import { passwordSigninEnabled } from '@/lib/auth/password-signin';
import { OIDC_PROVIDER_ID } from '@/lib/auth/sso/oidc-provider';
import { safeNextPath } from '@/lib/auth/safe-next-path'; // only same-site paths: no open redirect
import { registerUser } from '@/lib/auth/register-user';
import { registerBody } from '@/lib/auth/schemas';
import { signIn, signOut } from '@/lib/auth/next-auth';
import { getDb } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { clientIp } from '@/lib/http/client-ip';
import { validateBody } from '@/lib/http/request-body';

// Server actions of the sign-in and registration forms. They run the same services and the same
// body schema as POST /api/v1/auth/*, and answer the form with inline errors.

export type AuthFormState = { error?: string; fieldErrors?: Record<string, string>; values?: { email?: string; name?: string } };

/** The schema's messages are for programs: say what is wrong with the password in words. */
function fieldMessage(detail: { path: string; message: string }, password: string): string {
  if (detail.path === '/password') return passwordProblem(password) ?? detail.message;
  return detail.path === '/email' ? 'Enter a valid email address.' : detail.message;
}

function signInMessage(error: AuthError): string {
  const code = error instanceof CredentialsSignin ? error.code : '';
  if (code === 'rate_limited') return 'Too many attempts. Wait a minute, then try again.';
  if (code === 'inactive') return 'This account is suspended or inactive. Contact an administrator.';
  return 'Wrong email or password.';
}

const PASSWORD_OFF = 'Password sign-in is turned off here: use single sign-on.';

export async function signInAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = String(form.get('email') ?? '');
  if (!passwordSigninEnabled()) return { error: PASSWORD_OFF, values: { email } };
  try {
    await signIn('credentials', { email, password: String(form.get('password') ?? ''), redirectTo: safeNextPath(form.get('callbackUrl')) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: signInMessage(error), values: { email } };
    throw error; // the redirect after a successful sign-in
  }
}

export async function registerAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: String(form.get('email') ?? '').trim(), name: String(form.get('name') ?? '').trim() };
  const password = String(form.get('password') ?? '');
  if (!passwordSigninEnabled()) return { error: PASSWORD_OFF, values };
  try {
    const input = validateBody(registerBody, { ...values, password });
    await registerUser(getDb(), input, clientIp(await headers()));
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') {
      const fieldErrors = Object.fromEntries(
        (error.details as Array<{ path: string; message: string }>).map((d) => [d.path.slice(1), fieldMessage(d, password)]),
      );
      return { fieldErrors, values };
    }
    if (error instanceof AppError && error.code === 'conflict')
      return { fieldErrors: { email: 'An account with this email already exists. Sign in instead.' }, values };
    if (error instanceof AppError && error.code === 'rate_limited')
      return { error: 'Too many attempts. Wait a minute, then try again.', values };
    throw error;
  }
  // Back to the page that sent them here, if any; else on to create a first team.
  const callbackUrl = safeNextPath(form.get('callbackUrl'));
  await signIn('credentials', { email: values.email, password, redirectTo: callbackUrl === '/' ? '/teams/new' : callbackUrl });
  return {};
}

/** The single sign-on button: off to the identity provider, back to the page that sent the person. */
export async function ssoSignInAction(form: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeNextPath(form.get('callbackUrl')) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
