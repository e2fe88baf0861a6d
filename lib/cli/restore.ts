import { existsSync } from 'node:fs';
import { restoreBackup } from '@/lib/db/backup';
import { migrate } from '@/lib/db/migrate';
import { loadEnv } from '@/lib/env';
import { cliLog, runCli } from './log';
import { openDatabase } from './open-database';

// `npm run db:restore FILE`: replace the database's rows with a backup's (one transaction).
runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run db:restore <backup file>');
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const db = await openDatabase(loadEnv(), cliLog);
  try {
    await migrate(db.url, { log: cliLog });
    const counts = await restoreBackup(db.url, file);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    cliLog(`restored ${total} rows in ${Object.keys(counts).length} tables from ${file}`);
  } finally {
    await db.close();
  }
});
