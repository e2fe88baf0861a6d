import { env } from '@/lib/env';

/** Which ways to sign in the sign-in and registration pages show (from the environment). */
export function signInMethods(): { password: boolean; sso: { name: string } | null } {
  const { passwordSignin, oidc } = env();
  return { password: passwordSignin, sso: oidc ? { name: oidc.name } : null };
}
