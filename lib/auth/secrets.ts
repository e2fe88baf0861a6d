import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Bearer secrets. API keys are "bp_" + 64 lowercase hex (API.md); login tokens "bpt_" + 64 hex;
// team invitation links carry "bpi_" + 64 hex; personal access tokens "bpp_" + 64 hex.
// Only their SHA-256 is stored: a leaked database does not leak usable credentials.

export const API_KEY_PATTERN = /^bp_[0-9a-f]{64}$/;
export const LOGIN_TOKEN_PATTERN = /^bpt_[0-9a-f]{64}$/;
export const INVITATION_TOKEN_PATTERN = /^bpi_[0-9a-f]{64}$/;
export const PERSONAL_TOKEN_PATTERN = /^bpp_[0-9a-f]{64}$/;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newApiKey(): string {
  return `bp_${randomBytes(32).toString('hex')}`;
}

export function newLoginToken(): string {
  return `bpt_${randomBytes(32).toString('hex')}`;
}

export function newInvitationToken(): string {
  return `bpi_${randomBytes(32).toString('hex')}`;
}

export function newPersonalToken(): string {
  return `bpp_${randomBytes(32).toString('hex')}`;
}

/** The part of a key shown in lists ("bp_1a2b3c4d…", "bpp_1a2b3c4d…"): enough to recognise, useless to attack. */
export function keyPrefix(key: string): string {
  return key.slice(0, key.indexOf('_') + 9);
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
