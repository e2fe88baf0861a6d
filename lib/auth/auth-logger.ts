import type { Logger } from '@/lib/observability/logger';

// What Auth.js (next-auth) logs, through Baseplate's logger. A refused sign-in (a wrong password,
// a suspended account, too many tries) is the normal course of things: one info line with its
// reason, not the error with a stack trace Auth.js prints by default. Any other error stays an
// error, with its stack.

type AuthError = Error & { type?: string; code?: string };

export function authLogger(logger: () => Logger) {
  return {
    error(error: AuthError) {
      if (error.type === 'CredentialsSignin') {
        logger().info({ reason: error.code ?? 'credentials' }, 'sign-in refused');
        return;
      }
      logger().error({ err: error, type: error.type }, 'sign-in or session error');
    },
    warn(code: string) {
      logger().warn({ code }, 'auth warning');
    },
    debug() {},
  };
}
