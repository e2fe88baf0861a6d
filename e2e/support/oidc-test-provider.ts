import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

// A real OpenID Connect provider (oidc-provider, the certified Node.js implementation) for the
// single sign-on e2e tests, on loopback: playwright.config.ts starts it before the Baseplate
// servers, which discover it from OIDC_ISSUER. Its own sign-in page (devInteractions) accepts any
// login name: the account of that name, with the claims a test set through the control routes:
//   PUT /__test/accounts/{login}  {"email", "email_verified", "name", "groups", "tamper"?}
// `tamper` rewrites claims of that account's ID token after the provider signed it (e.g. another
// `aud`), for the tests that prove Baseplate (Auth.js) refuses such a token. Test-only: it is
// not part of Baseplate and never runs in production.

type Account = { email: string; email_verified: boolean; name: string; groups: string[]; tamper?: Record<string, unknown> };

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;
const clientId = process.env.OIDC_TEST_CLIENT_ID ?? 'baseplate-e2e';
const clientSecret = process.env.OIDC_TEST_CLIENT_SECRET ?? 'baseplate-e2e-secret';
const redirectUris = (process.env.OIDC_TEST_REDIRECT_URIS ?? '').split(',').filter(Boolean);

const accounts = new Map<string, Account>();
const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [{ ...signingKey, kid: 'e2e', use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  // The claims of the granted scopes go into the ID token itself (Baseplate reads the ID token).
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  findAccount: async (_ctx, id) => {
    const account = accounts.get(id);
    if (!account) return undefined;
    const { email, email_verified, name, groups } = account;
    return { accountId: id, claims: async () => ({ sub: id, email, email_verified, name, groups }) };
  },
  // First-party client: no consent screen, the grant covers what Baseplate asks for.
  loadExistingGrant: async (ctx) => {
    const { oidc } = ctx;
    const existing = oidc.session!.grantIdFor(oidc.client!.clientId);
    if (existing) return oidc.provider.Grant.find(existing);
    const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
});

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function tamperIdToken(body: { id_token?: string }) {
  if (!body.id_token) return body;
  const [header, payload, signature] = body.id_token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string };
  const tamper = accounts.get(claims.sub)?.tamper;
  if (!tamper) return body;
  const forged = Buffer.from(JSON.stringify({ ...claims, ...tamper })).toString('base64url');
  return { ...body, id_token: `${header}.${forged}.${signature}` };
}

provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
  const match = /^\/__test\/accounts\/([\w.@-]{1,100})$/.exec(ctx.path);
  if (match && ctx.method === 'PUT') {
    accounts.set(match[1], (await readJson(ctx.req)) as Account);
    ctx.status = 204;
    return;
  }
  if (ctx.path === '/__test/health') {
    ctx.body = { ok: true };
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
    ctx.body = tamperIdToken(ctx.body as { id_token?: string });
  }
});

// The reason behind an error answer is only in the provider's own events: print it for the test log.
for (const event of ['grant.error', 'authorization.error', 'server_error']) {
  provider.on(event, (ctx: unknown, error: { message: string; error_detail?: string }) => {
    const redirectUri = (ctx as KoaContextWithOIDC | undefined)?.oidc?.params?.redirect_uri ?? '';
    console.error(`oidc test provider ${event}: ${error.message} ${error.error_detail ?? ''} ${redirectUri}`);
  });
}
provider.on('authorization.success', (ctx: unknown) => {
  console.error(`oidc test provider authorization: ${(ctx as KoaContextWithOIDC).oidc.params?.redirect_uri ?? ''}`);
});

provider.listen(port, '127.0.0.1', () => console.log(`oidc test provider on ${issuer}`));
