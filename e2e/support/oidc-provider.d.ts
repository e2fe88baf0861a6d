// The few parts of oidc-provider (a devDependency without bundled types) that
// e2e/support/oidc-test-provider.ts uses.
declare module 'oidc-provider' {
  import type { IncomingMessage } from 'node:http';

  type Grant = { addOIDCScope(scope: string): void; save(): Promise<string> };
  type OidcState = {
    provider: { Grant: { new (init: { clientId: string; accountId: string }): Grant; find(id: string): Promise<Grant | undefined> } };
    session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
    client?: { clientId: string };
    params?: { redirect_uri?: string };
  };
  export type KoaContextWithOIDC = { path: string; method: string; status: number; body: unknown; req: IncomingMessage; oidc: OidcState };
  export type FindAccount = (
    ctx: KoaContextWithOIDC,
    id: string,
  ) => Promise<{ accountId: string; claims: () => Promise<Record<string, unknown>> } | undefined>;

  export default class Provider {
    constructor(
      issuer: string,
      configuration: Record<string, unknown> & {
        findAccount: FindAccount;
        loadExistingGrant: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
      },
    );
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void;
    listen(port: number, host: string, callback: () => void): void;
    on(event: string, listener: (ctx: unknown, error: { message: string; error_detail?: string }) => void): void;
  }
}
