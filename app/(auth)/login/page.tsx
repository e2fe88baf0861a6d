import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { sessionUserId } from '@/lib/auth/next-auth';
import { actorFromSessionUser } from '@/lib/auth/resolve-actor';
import { safeNextPath } from '@/lib/auth/safe-next-path';
import { getDb } from '@/lib/db/prisma';
import { signInHref } from '@/lib/web/sign-in-href';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type Params = { callbackUrl?: string | string[]; next?: string | string[] };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { callbackUrl, next } = await searchParams;
  // `callbackUrl` is where a signed-out page sends people; `next` is its older name, still honoured.
  const target = safeNextPath(callbackUrl ?? next);
  // Only an active user goes on (a suspended one keeps a cookie but must stay here, not loop).
  if (await actorFromSessionUser(getDb(), await sessionUserId())) redirect(target);
  return (
    <AuthCard
      title="Sign in"
      subtitle="to your software catalog"
      footer={
        <>
          New here?{' '}
          <Link href={signInHref(target, '/register')} className="font-medium text-indigo-600 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={target} />
    </AuthCard>
  );
}
