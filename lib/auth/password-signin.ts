import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

// BASEPLATE_PASSWORD_SIGNIN=false: people sign in through single sign-on only. Checked by the
// services (password sign-in, registration), so the browser's forms, next-auth's Credentials
// provider and POST /api/v1/auth/login and /register all refuse alike.

export const passwordSigninEnabled = (): boolean => env().passwordSignin;

export function assertPasswordSigninEnabled(): void {
  if (!passwordSigninEnabled()) {
    throw new AppError('forbidden', 'password sign-in is turned off on this Baseplate: sign in with single sign-on', {
      reason: 'password_signin_disabled',
    });
  }
}
