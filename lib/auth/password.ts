import bcrypt from 'bcryptjs';

// Passwords: bcrypt with cost 10 (the floor the identity issue sets; ~70 ms here, pure JS).
export const BCRYPT_COST = 10;

// A hash of nothing anyone knows: checking a password against it when the email is unknown
// takes as long as a real check, so response times do not reveal which emails have accounts.
const DUMMY_HASH = '$2b$10$bASzJN2mSQaZo2oI.4w9S.N7Vb1Cxj0guu5ZEMqw8tcDjVtkHBfVC';

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && !!hash;
}
