import { migrate } from '@/lib/db/migrate';
import { loadEnv } from '@/lib/env';
import { cliLog, runCli } from './log';
import { openDatabase } from './open-database';

// `npm run db:migrate`: apply pending migrations to DATABASE_URL (or the embedded database).
runCli(async () => {
  const db = await openDatabase(loadEnv(), cliLog);
  try {
    const { applied, alreadyApplied } = await migrate(db.url, { log: cliLog });
    cliLog(applied.length ? `applied ${applied.length} migration(s)` : `nothing to do (${alreadyApplied} applied)`);
  } finally {
    await db.close();
  }
});
