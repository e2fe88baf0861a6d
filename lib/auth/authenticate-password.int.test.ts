import { describe, expect, it } from 'vitest';
import { testDb } from '@/lib/test/database-per-file';
import { expectAppError } from '@/lib/test/fixtures';
import { authenticatePassword } from './authenticate-password';
import { registerUser } from './register-user';

// Sign-in limits against a real PostgreSQL: failures count per (email, address) and per address,
// so a stranger failing on someone's email elsewhere cannot lock them out.

const PASSWORD = 'correct horse battery';
let n = 0;
const newEmail = () => `signin-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}@example.com`;

describe('authenticatePassword', () => {
  it('after 5 failures from one address that address gets 429 for the email, even with the right password; another address signs in', async () => {
    const email = newEmail();
    await registerUser(testDb(), { email, password: PASSWORD, name: 'Victim' }, '192.0.2.10');
    const attacker = '198.51.100.66';
    for (let i = 1; i <= 5; i++) {
      expect((await expectAppError(authenticatePassword(testDb(), { email, password: `wrong-${i}-pass`, ip: attacker }))).code).toBe(
        'unauthenticated',
      );
    }
    expect((await expectAppError(authenticatePassword(testDb(), { email, password: PASSWORD, ip: attacker }))).code).toBe('rate_limited');
    // The owner, from a clean address: the right password still works.
    expect(await authenticatePassword(testDb(), { email, password: PASSWORD, ip: '192.0.2.10' })).toMatchObject({ email });
    expect(await authenticatePassword(testDb(), { email: email.toUpperCase(), password: PASSWORD, ip: '192.0.2.11' })).toMatchObject({
      email,
    });
  });

  it('counts every attempt per address, whichever emails it tries', async () => {
    const ip = '198.51.100.77';
    const limit = 30; // RATE_LIMIT_AUTH_PER_IP_PER_MINUTE's default
    for (let i = 0; i < limit; i++) await expectAppError(authenticatePassword(testDb(), { email: newEmail(), password: 'wrong-pass', ip }));
    const email = newEmail();
    await registerUser(testDb(), { email, password: PASSWORD, name: 'Bystander' }, '192.0.2.12');
    expect((await expectAppError(authenticatePassword(testDb(), { email, password: PASSWORD, ip }))).code).toBe('rate_limited');
    expect(await authenticatePassword(testDb(), { email, password: PASSWORD, ip: '192.0.2.12' })).toMatchObject({ email });
  });

  it('signs in an account whose email has the longest allowed length (255)', async () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`;
    expect(email).toHaveLength(255);
    await registerUser(testDb(), { email, password: PASSWORD, name: 'Long' }, '192.0.2.13');
    expect(await authenticatePassword(testDb(), { email, password: PASSWORD, ip: '192.0.2.13' })).toMatchObject({ email });
    for (let i = 0; i < 2; i++) await expectAppError(authenticatePassword(testDb(), { email, password: 'wrong-pass', ip: '192.0.2.13' }));
  });
});

describe('registerUser password policy', () => {
  it.each([
    ['12345678', /common/],
    ['password', /common/],
    ['Password1', /common/],
    ['        ', /spaces/],
    ['x'.repeat(73), /72 bytes/],
    ['😀'.repeat(19), /72 bytes/], // 19 characters, 76 bytes
  ])('refuses %j with a 422 on /password', async (password, why) => {
    const email = newEmail();
    const error = await expectAppError(registerUser(testDb(), { email, password, name: 'Weak' }, '192.0.2.20'));
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ path: '/password', message: expect.stringMatching(why) }]);
    expect(await testDb().user.count({ where: { email } })).toBe(0);
  });

  it('accepts a 72-byte password and signs in with exactly it (no silent cut)', async () => {
    const email = newEmail();
    const password = '😀'.repeat(18); // 72 bytes
    await registerUser(testDb(), { email, password, name: 'Emoji' }, '192.0.2.21');
    expect(await authenticatePassword(testDb(), { email, password, ip: '192.0.2.21' })).toMatchObject({ email });
  });
});
