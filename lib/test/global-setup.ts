import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { migrate } from '@/lib/db/migrate';

// Starts the embedded PostgreSQL for the integration tier (in a temp folder, durability off for
// speed) and migrates a template database that each test file clones (see database-per-file.ts).

export const TEMPLATE_DB = 'bp_template';

declare module 'vitest' {
  export interface ProvidedContext {
    templateUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'baseplate-int-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, database: TEMPLATE_DB, unsafeFast: true });
  await migrate(server.url);
  project.provide('templateUrl', server.url);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
