import { groupsFromClaim } from '@/lib/group-mappings/pick-mapped-role';

// What Baseplate reads from the identity provider's ID token (already checked by Auth.js: issuer,
// audience, expiry, nonce). Pure: unit-tested.

export type SsoClaims = {
  issuer: string;
  subject: string;
  email: string | null;
  /** The provider vouches that the person controls the email (`email_verified: true`). */
  emailVerified: boolean;
  name: string | null;
  groups: string[];
};

const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim() && value.length <= max ? value.trim() : null);

export function ssoClaimsFrom(profile: Record<string, unknown>, issuer: string, groupsClaim: string): SsoClaims {
  return {
    issuer: text(profile.iss, 255) ?? issuer,
    subject: text(profile.sub, 255) ?? '',
    email: text(profile.email, 255),
    // Some providers send the string "true"; nothing else counts as verified.
    emailVerified: profile.email_verified === true || profile.email_verified === 'true',
    name: text(profile.name, 100),
    groups: groupsFromClaim(profile[groupsClaim]),
  };
}
