import type { OIDCConfig } from 'next-auth/providers';
import type { OidcSettings } from '@/lib/env';

// The OpenID Connect provider of single sign-on, discovered from OIDC_ISSUER
// (/.well-known/openid-configuration). Its callback is /api/auth/callback/oidc.
//
// The issuer is the operator's configuration, not a tenant's: calls to it are not subject to the
// outbound guard of lib/net, which is for addresses that team members type (webhooks, pulls). An
// issuer on a private address (a Keycloak inside the company) is normal. lib/env.ts refuses a
// plain-http issuer except on loopback, since Auth.js itself would accept one.

export const OIDC_PROVIDER_ID = 'oidc';

export function oidcProvider(settings: OidcSettings): OIDCConfig<Record<string, unknown>> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: 'oidc',
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    // All three: the nonce binds the ID token to this browser's sign-in (Auth.js then checks it
    // with the token's issuer, audience and expiry).
    checks: ['pkce', 'state', 'nonce'],
    authorization: { params: { scope: settings.scope } },
    // The account is resolved in the signIn callback (lib/auth/sso/sso-sign-in.ts); this is only
    // what Auth.js needs meanwhile.
    profile: (profile) => ({
      id: String(profile.sub),
      email: typeof profile.email === 'string' ? profile.email : null,
      name: typeof profile.name === 'string' ? profile.name : null,
    }),
  };
}
