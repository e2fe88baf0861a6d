import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The signature of API.md ("Actions and runs"): X-Baseplate-Timestamp is the unix time in seconds,
// X-Baseplate-Signature is `v1=` + hex HMAC-SHA256, keyed by the secret's UTF-8 bytes (the whole
// string, prefix included), of "<timestamp>.<raw body>". The timestamp inside the signed text lets
// a receiver refuse a replayed old request. While a secret is being rotated the signature header
// may list several values ("v1=<a>,v1=<b>"); one matching is enough.

export const TIMESTAMP_HEADER = 'X-Baseplate-Timestamp';
export const SIGNATURE_HEADER = 'X-Baseplate-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

type Body = string | Uint8Array;
type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export type SignatureCheck =
  | { valid: true }
  | { valid: false; reason: 'missing_headers' | 'malformed_timestamp' | 'timestamp_out_of_tolerance' | 'signature_mismatch' };

/** A new signing secret, shown once to its owner: `whsec_` and 32 random bytes in hex. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

function hmacHex(secret: string, timestamp: string, body: Body): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The two headers to send with `body` (the exact bytes sent), signed at `now`. */
export function signWebhook(secret: string, body: Body, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `v1=${hmacHex(secret, timestamp, body)}` };
}

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
  return Array.isArray(found) ? found.join(',') : (found as string | undefined);
}

/** Checks a received request's signature against the raw body bytes, in constant time. */
export function verifyWebhookSignature(
  secret: string,
  headers: HeaderSource,
  rawBody: Body,
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = new Date() }: { toleranceSeconds?: number; now?: Date } = {},
): SignatureCheck {
  const timestamp = readHeader(headers, TIMESTAMP_HEADER)?.trim();
  const signatures = readHeader(headers, SIGNATURE_HEADER);
  if (!timestamp || !signatures) return { valid: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'malformed_timestamp' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return { valid: false, reason: 'timestamp_out_of_tolerance' };
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  const matches = signatures
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1=') && /^[0-9a-f]{64}$/i.test(part.slice(3)))
    .some((part) => timingSafeEqual(Buffer.from(part.slice(3), 'hex'), expected));
  return matches ? { valid: true } : { valid: false, reason: 'signature_mismatch' };
}
