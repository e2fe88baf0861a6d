import { Prisma } from '@/lib/generated/prisma/client';

/** The health check's ping: a round trip to PostgreSQL that reads nothing. */
export const pingSql = () => Prisma.sql`SELECT 1`;
