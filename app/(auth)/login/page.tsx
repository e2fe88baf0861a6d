import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SignInOptions } from '@/components/auth/sign-in-options';
import { sessionUserId } from '@/lib/auth/next-auth';
import { actorFromSessionUser } from '@/lib/auth/resolve-actor';
import { safeNextPath } from '@/lib/auth/safe-next-path';
import { getDb } from '@/lib/db/prisma';
import { signInErrorMessage } from '@/lib/web/sign-in-error-message';
import { signInHref } from '@/lib/web/sign-in-href';
import { signInMethods } from '@/lib/web/sign-in-methods';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type Params = { callbackUrl?: string | string[]; next?: string | string[]; error?: string | string[] };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { callbackUrl, next, error } = await searchParams;
  // `callbackUrl` is where a signed-out page sends people; `next` is its older name, still honoured.
  const target = safeNextPath(callbackUrl ?? next);
  // Only an active user goes on (a suspended one keeps a cookie but must stay here, not loop).
  if (await actorFromSessionUser(getDb(), await sessionUserId())) redirect(target);
  const methods = signInMethods();
  return (
    <AuthCard
      title="Sign in"
      subtitle="to your software catalog"
      footer={
        methods.password ? (
          <>
            New here?{' '}
            <Link href={signInHref(target, '/register')} className="font-medium text-indigo-600 hover:underline">
              Create an account
            </Link>
          </>
        ) : (
          'New here? Your first single sign-on creates your account.'
        )
      }
    >
      <SignInOptions sso={methods.sso} callbackUrl={target} error={signInErrorMessage(error)}>
        {methods.password ? <SignInForm callbackUrl={target} /> : null}
      </SignInOptions>
    </AuthCard>
  );
}
