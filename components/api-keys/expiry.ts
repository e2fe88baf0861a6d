// The expiry choices of the API-key form. A choice of N days ends at the end of that day (UTC),
// so a key made at 09:00 and one made at 17:00 on the same day expire together.

export const EXPIRY_CHOICES = [
  { label: 'Never', days: 0 },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
] as const;

/** RFC 3339 `expires_at` for the API, or null for a key that never expires. */
export function expiresAtFor(days: number, now = new Date()): string | null {
  if (!days) return null;
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 23, 59, 59));
  return end.toISOString();
}
