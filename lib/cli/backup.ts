import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeBackup } from '@/lib/db/backup';
import { loadEnv } from '@/lib/env';
import { cliLog, runCli } from './log';
import { openDatabase } from './open-database';

// `npm run db:backup [FILE]`: a consistent backup of every table (default backups/baseplate-<time>.ndjson.gz).
runCli(async () => {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
  const file = path.resolve(process.argv[2] ?? path.join('backups', `baseplate-${stamp}.ndjson.gz`));
  await mkdir(path.dirname(file), { recursive: true });
  const db = await openDatabase(loadEnv(), cliLog);
  try {
    const counts = await writeBackup(db.url, file);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    cliLog(`backup written to ${file} (${total} rows in ${Object.keys(counts).length} tables)`);
  } finally {
    await db.close();
  }
});
