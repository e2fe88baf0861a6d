import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { env } from '@/lib/env';
import { decodeSecretKey, SECRET_KEY_BYTES } from './secret-key';

// Secrets at rest (webhook signing secrets, header values marked secret): AES-256-GCM with a random
// 12-byte IV per value, stored as "v1:" + base64url(iv | tag | ciphertext). GCM authenticates, so a
// wrong key or an altered value fails loudly (SecretBoxError) instead of yielding garbage. The
// version prefix leaves room for another scheme or key later. An optional `context` (e.g.
// "action:<id>:signing-secret") is bound as associated data: a sealed value copied into another row
// does not open there.

const VERSION = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretBoxErrorReason = 'no_key' | 'malformed' | 'unsupported_version' | 'wrong_key_or_tampered';

export class SecretBoxError extends Error {
  constructor(
    readonly reason: SecretBoxErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export type SecretBox = {
  seal(plain: string, context?: string): string;
  open(sealed: string, context?: string): string;
};

/** A box on an explicit 32-byte key (tests, key rotation tools). */
export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== SECRET_KEY_BYTES) throw new SecretBoxError('no_key', `the secret key must be ${SECRET_KEY_BYTES} bytes`);
  return {
    seal(plain, context = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
    },
    open(sealed, context = '') {
      if (!sealed.startsWith(VERSION)) {
        throw new SecretBoxError(
          /^v\d+:/.test(sealed) ? 'unsupported_version' : 'malformed',
          'not a value sealed by this version of Baseplate',
        );
      }
      const raw = Buffer.from(sealed.slice(VERSION.length), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError('malformed', 'the sealed value is too short');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          'wrong_key_or_tampered',
          'a sealed secret does not open: BASEPLATE_SECRET_KEY is not the key it was sealed with, or the value was altered',
        );
      }
    },
  };
}

let cached: { text: string; box: SecretBox } | undefined;

function envBox(): SecretBox {
  const text = env().secretKey;
  if (!text) {
    throw new SecretBoxError('no_key', 'BASEPLATE_SECRET_KEY is not set (`npm start` generates one in BASEPLATE_DATA_DIR/secret-key)');
  }
  if (cached?.text !== text) cached = { text, box: createSecretBox(decodeSecretKey(text) as Buffer) };
  return cached.box;
}

/** Encrypts a secret with BASEPLATE_SECRET_KEY for storage. */
export function sealSecret(plain: string, context?: string): string {
  return envBox().seal(plain, context);
}

/** Decrypts a value from sealSecret; throws SecretBoxError on a wrong key or an altered value. */
export function openSecret(sealed: string, context?: string): string {
  return envBox().open(sealed, context);
}
