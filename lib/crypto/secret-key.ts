// BASEPLATE_SECRET_KEY: the 32-byte key that seals secrets at rest (secret-box.ts), written as 64 hex
// digits or as base64 (standard or URL-safe, padding optional). Kept free of node:crypto so that
// lib/env.ts can validate it at start.

export const SECRET_KEY_BYTES = 32;

/** The key's bytes, or undefined when the text is neither 32 bytes of hex nor of base64. */
export function decodeSecretKey(text: string): Buffer | undefined {
  const raw = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(raw)) return Buffer.from(raw, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(raw)) return undefined;
  const key = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === SECRET_KEY_BYTES ? key : undefined;
}
