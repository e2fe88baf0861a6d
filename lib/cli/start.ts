import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { migrate } from '@/lib/db/migrate';
import { createPrisma } from '@/lib/db/prisma';
import { DEMO_TEAM, DEMO_USER, isEmptyDatabase, seedDemo } from '@/lib/demo/seed-demo';
import { loadEnv } from '@/lib/env';
import { buildIfNeeded } from './build-if-needed';
import { cliLog, runCli } from './log';
import { openDatabase } from './open-database';

// `npm start`: the database (embedded unless DATABASE_URL is set), its migrations, the demo content
// on a brand-new embedded database, a production build when the sources changed, then the Next.js
// server. Ctrl-C or SIGTERM stops the server first, then the database, cleanly.

const ROOT = path.resolve(import.meta.dirname, '../..');

runCli(async () => {
  const dev = process.argv.includes('--dev');
  const env = loadEnv();
  const db = await openDatabase(env, cliLog);
  const web: { child?: ChildProcess } = {};
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const child = web.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    if (db.embedded) cliLog('stopping the embedded PostgreSQL');
    await db.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    cliLog(db.embedded ? `embedded PostgreSQL ready (data in ${path.relative(ROOT, env.dataDir) || '.'})` : 'using DATABASE_URL');
    const result = await migrate(db.url, { log: cliLog });
    if (result.applied.length === 0) cliLog(`database schema up to date (${result.alreadyApplied} migrations)`);

    if (db.embedded && env.demo) {
      const prisma = createPrisma(db.url, 2);
      try {
        if (await isEmptyDatabase(prisma)) {
          const seeded = await seedDemo(prisma);
          if (seeded.seeded) cliLog(`demo content created: team "${DEMO_TEAM.name}" with ${seeded.entities} entities`);
        }
      } finally {
        await prisma.$disconnect();
      }
    }
    await db.publish();
    if (!dev) buildIfNeeded(cliLog);
  } catch (error) {
    await db.close();
    throw error;
  }

  const nextBin = path.join(ROOT, 'node_modules/next/dist/bin/next');
  const args = dev ? ['dev'] : ['start'];
  const child = spawn(process.execPath, [nextBin, ...args, '--port', String(env.port), '--hostname', env.host], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: '1' },
  });
  web.child = child;
  child.on('exit', (code) => {
    if (!stopping) {
      cliLog(`the web server exited (code ${code}); stopping`);
      void shutdown(code ?? 1);
    }
  });
  const url = `http://localhost:${env.port}`;
  cliLog(`Baseplate is starting at ${url}`);
  if (db.embedded && env.demo) cliLog(`demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password}`);
});
