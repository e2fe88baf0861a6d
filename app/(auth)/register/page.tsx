import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { RegisterForm } from '@/components/auth/register-form';
import { SignInOptions } from '@/components/auth/sign-in-options';
import { safeNextPath } from '@/lib/auth/safe-next-path';
import { signInHref } from '@/lib/web/sign-in-href';
import { signInMethods } from '@/lib/web/sign-in-methods';

export const metadata: Metadata = { title: 'Create an account' };
export const dynamic = 'force-dynamic';

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  // The deep link a signed-out person came from travels on, so that registering also leads back to it.
  const target = safeNextPath((await searchParams).callbackUrl);
  const methods = signInMethods();
  return (
    <AuthCard
      title="Create your account"
      subtitle="then create a team or ask to be added to one"
      footer={
        <>
          Have an account?{' '}
          <Link href={signInHref(target)} className="font-medium text-indigo-600 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      {methods.password ? (
        <RegisterForm callbackUrl={target} />
      ) : (
        // Password sign-in off: accounts come from the identity provider at the first sign-in.
        <SignInOptions sso={methods.sso} callbackUrl={target} error={null}>
          {null}
        </SignInOptions>
      )}
    </AuthCard>
  );
}
