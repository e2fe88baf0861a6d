import { migrate } from '@/lib/db/migrate';
import { createPrisma } from '@/lib/db/prisma';
import { DEMO_USER, seedDemo } from '@/lib/demo/seed-demo';
import { loadEnv } from '@/lib/env';
import { cliLog, runCli } from './log';
import { openDatabase } from './open-database';

// `npm run db:seed`: add the demo content on request, to the embedded database or DATABASE_URL.
runCli(async () => {
  const db = await openDatabase(loadEnv(), cliLog);
  const prisma = createPrisma(db.url, 2);
  try {
    await migrate(db.url, { log: cliLog });
    const result = await seedDemo(prisma);
    if (result.seeded) cliLog(`demo content created (${result.entities} entities); sign in as ${DEMO_USER.email} / ${DEMO_USER.password}`);
    else cliLog(`nothing seeded: ${result.reason}`);
  } finally {
    await prisma.$disconnect();
    await db.close();
  }
});
