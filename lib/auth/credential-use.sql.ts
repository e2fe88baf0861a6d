import { Prisma } from '@/lib/generated/prisma/client';

// Last-used stamps of a person's credentials (migration 0029), each by primary key. The WHERE
// clause keeps them to one write a minute per credential whatever the number of instances; a
// session or login token whose user agent was not known when it was made gets it here.

export type StampedCredential = 'session' | 'token' | 'personal_token';

const TABLES: Record<StampedCredential, Prisma.Sql> = {
  session: Prisma.raw('user_sessions'),
  token: Prisma.raw('login_tokens'),
  personal_token: Prisma.raw('personal_access_tokens'),
};

export function stampCredentialUseSql(
  kind: StampedCredential,
  input: { id: string; userId: string; ip: string | null; userAgent: string | null },
): Prisma.Sql {
  const userAgent = kind === 'personal_token' ? Prisma.empty : Prisma.sql`, user_agent = COALESCE(user_agent, ${input.userAgent})`;
  return Prisma.sql`
    UPDATE ${TABLES[kind]} SET last_used_at = now(), last_used_ip = ${input.ip}::inet ${userAgent}
     WHERE id = ${input.id}::uuid AND user_id = ${input.userId}::uuid
       AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;
}
