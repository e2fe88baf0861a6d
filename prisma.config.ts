import { defineConfig } from 'prisma/config';

// Prisma's CLI is used only for `generate` here: migrations are plain SQL in migrations-sql/,
// applied by lib/db/migrate.ts. DATABASE_URL may be unset (embedded mode), so no env() call.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
