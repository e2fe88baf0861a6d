// What a person sees of one of their own credentials, a browser session or a login token
// (GET /api/v1/auth/sessions, GET /api/v1/auth/tokens): the two have the same fields.

export type CredentialView = {
  id: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  /** The credential this very request came with. */
  current: boolean;
};

/** The columns a CredentialView reads, for `select`. */
export const CREDENTIAL_COLUMNS = {
  id: true,
  createdAt: true,
  expiresAt: true,
  userAgent: true,
  lastUsedAt: true,
  lastUsedIp: true,
} as const;

type CredentialRow = {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
};

export function credentialView(row: CredentialRow, currentId: string | undefined): CredentialView {
  return {
    id: row.id,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    user_agent: row.userAgent,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    last_used_ip: row.lastUsedIp,
    current: row.id === currentId,
  };
}
