import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Two Vitest tiers: `unit` (pure logic, no I/O) and `integration` (*.int.test.ts, against a real
// PostgreSQL that the run starts itself; every test file gets its own database cloned from a
// migrated template, so files run in parallel and never see each other's rows).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts'], exclude: ['**/*.int.test.ts', 'node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['lib/**/*.int.test.ts'],
          globalSetup: ['lib/test/global-setup.ts'],
          setupFiles: ['lib/test/database-per-file.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Services that seal secrets (actions) need a key; a fixed one for tests only.
          env: { BASEPLATE_SECRET_KEY: process.env.BASEPLATE_SECRET_KEY ?? '5e'.repeat(32) },
        },
      },
    ],
  },
});
