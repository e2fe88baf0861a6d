'use server';

import { INVITATION_TOKEN_PATTERN } from '@/lib/auth/secrets';
import { signOut } from '@/lib/auth/next-auth';

/** Signs out and comes back to the invitation page, for someone signed in with another email. */
export async function signOutToInvitation(form: FormData): Promise<void> {
  const token = String(form.get('token') ?? '');
  await signOut({ redirectTo: INVITATION_TOKEN_PATTERN.test(token) ? `/invite/${token}` : '/login' });
}
