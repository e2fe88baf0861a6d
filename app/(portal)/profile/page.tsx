import type { Metadata } from 'next';
import { AppHeader } from '@/components/layout/app-header';
import { CredentialTable } from '@/components/profile/credential-table';
import { NameForm } from '@/components/profile/name-form';
import { PasswordForm } from '@/components/profile/password-form';
import { PersonalTokensPanel } from '@/components/profile/personal-tokens-panel';
import { ProfileSection } from '@/components/profile/profile-section';
import { getDb } from '@/lib/db/prisma';
import { listUserTeams } from '@/lib/teams/list-user-teams';
import { hasPassword } from '@/lib/users/has-password';
import { requireUser } from '@/lib/web/page-context';

export const metadata: Metadata = { title: 'Profile and security' };
export const dynamic = 'force-dynamic';

// Every person's own page: their name, their password, where they are signed in (browser
// sessions and login tokens, each revocable) and their personal access tokens. The lists load
// through the same /api/v1/auth routes scripts use.
export default async function ProfilePage() {
  const user = await requireUser();
  const [teams, withPassword] = await Promise.all([listUserTeams(getDb(), user.userId), hasPassword(getDb(), user.userId)]);
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader user={user} teams={teams} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl space-y-10 px-6 py-10 focus:outline-none">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Profile and security</h1>
          <p className="mt-1 text-sm text-slate-500">Your name, your password, where you are signed in, and the tokens your scripts use.</p>
        </div>
        <ProfileSection id="name" title="Your name" description="Shown to your teams in member lists, the audit log and runs.">
          <NameForm initialName={user.name ?? ''} email={user.email} />
        </ProfileSection>
        <ProfileSection
          id="password"
          title="Password"
          description={
            withPassword
              ? 'Changing it signs out every other browser and revokes every login token; this browser stays signed in.'
              : 'This account signs in through single sign-on and has no password: your identity provider manages how you sign in.'
          }
        >
          {withPassword && <PasswordForm />}
        </ProfileSection>
        <ProfileSection
          id="sessions"
          title="Browser sessions"
          description="Where you are signed in. Revoke one to sign that browser out at once."
        >
          <CredentialTable kind="session" empty="No other browser sessions." />
        </ProfileSection>
        <ProfileSection
          id="login-tokens"
          title="Login tokens"
          description="Issued by POST /api/v1/auth/login to scripts that signed in with your password. Each lasts 30 days."
        >
          <CredentialTable kind="token" empty="No login tokens: no script has signed in as you." />
        </ProfileSection>
        <ProfileSection
          id="personal-tokens"
          title="Personal access tokens"
          description="Tokens that act as you in the teams you choose, never above your role there. Each is shown once and expires."
        >
          <PersonalTokensPanel teams={teams.map((t) => ({ id: t.id, slug: t.slug, name: t.name, role: t.role }))} />
        </ProfileSection>
      </main>
    </div>
  );
}
