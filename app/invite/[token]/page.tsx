import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { RegisterForm } from '@/components/auth/register-form';
import { SignInForm } from '@/components/auth/sign-in-form';
import { JoinTeamButton } from '@/components/invitations/join-team-button';
import { buttonClass } from '@/components/ui/button';
import { sentence } from '@/components/ui/format';
import { sessionUserId } from '@/lib/auth/next-auth';
import { actorFromSessionUser } from '@/lib/auth/resolve-actor';
import { getDb } from '@/lib/db/prisma';
import { invitationPageState } from '@/lib/invitations/invitation-page-state';
import { signOutToInvitation } from '@/lib/web/invite-actions';
import { signInHref } from '@/lib/web/sign-in-href';

export const metadata: Metadata = { title: 'Invitation' };
export const dynamic = 'force-dynamic';

const linkClass = 'font-medium text-indigo-600 hover:underline';

// An invitation link: the team and the role, then the one step this person needs: register or
// sign in (the email fixed to the invited one), or join with one click. A link that cannot be used
// (unknown, used, revoked, expired, another person's) says so and what to do.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const actor = await actorFromSessionUser(db, await sessionUserId());
  const state = await invitationPageState(db, token, actor);
  const here = `/invite/${token}`;

  if (state.kind === 'refused') {
    return (
      <AuthCard
        title={state.title}
        subtitle={state.team ? `An invitation to ${state.team.name}` : 'An invitation link'}
        footer={
          actor ? (
            <Link href="/" className={linkClass}>
              Your teams
            </Link>
          ) : (
            <Link href="/login" className={linkClass}>
              Sign in
            </Link>
          )
        }
      >
        <p role="alert" data-testid="invitation-refusal" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {sentence(state.message)}
        </p>
        {state.reason === 'wrong_email' && (
          <form action={signOutToInvitation} className="mt-4">
            <input type="hidden" name="token" value={token} />
            <button type="submit" className={`${buttonClass('secondary')} w-full`}>
              Sign out, then use this link
            </button>
          </form>
        )}
      </AuthCard>
    );
  }

  const { link } = state;
  const subtitle = `You are invited to join as ${link.role.name}.`;
  if (state.kind === 'member') {
    return (
      <AuthCard
        title={`You are already in ${link.team.name}`}
        subtitle={subtitle}
        footer={
          <Link href="/" className={linkClass}>
            Your teams
          </Link>
        }
      >
        <Link href={`/t/${link.team.slug}`} className={`${buttonClass()} w-full`}>
          Open {link.team.name}
        </Link>
      </AuthCard>
    );
  }
  if (state.kind === 'join') {
    return (
      <AuthCard title={`Join ${link.team.name}`} subtitle={subtitle} footer={<>Signed in as {link.email}</>}>
        <JoinTeamButton token={token} teamName={link.team.name} />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${link.team.name}`}
      subtitle={`${subtitle} ${state.hasAccount ? 'Sign in to accept.' : 'Create your account to accept.'}`}
      footer={
        state.hasAccount ? (
          <>The invitation is for {link.email}.</>
        ) : (
          <>
            Already have an account with {link.email}?{' '}
            <Link href={signInHref(here)} className={linkClass}>
              Sign in
            </Link>
          </>
        )
      }
    >
      {state.hasAccount ? (
        <SignInForm callbackUrl={here} fixedEmail={link.email} />
      ) : (
        <RegisterForm callbackUrl={here} fixedEmail={link.email} />
      )}
    </AuthCard>
  );
}
