import { AppError } from '@/lib/errors';
import { COMMON_PASSWORDS } from './common-passwords';

// What a new password must be (registration and password change). bcrypt uses only the first
// 72 bytes of its input, so a longer password would be silently cut: it is refused (not
// pre-hashed) with a message that says so, which keeps every stored hash a plain bcrypt hash.

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_BYTES = 72;

/** Why the password is refused, for the form and the 422, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    return `Use at most ${MAX_PASSWORD_BYTES} bytes (about ${MAX_PASSWORD_BYTES} letters, fewer with accents or emoji): longer passwords would be cut.`;
  }
  if (password.trim() === '') return 'A password cannot be only spaces.';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'This password is one of the most common ones. Choose another.';
  return null;
}

/** Throws a 422 on `path` when the password is refused. */
export function assertAcceptablePassword(password: string, path = '/password'): void {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('validation_failed', problem, [{ path, message: problem }]);
}
