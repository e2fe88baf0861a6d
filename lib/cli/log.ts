import path from 'node:path';
import nextEnv from '@next/env';

/** Console output of the command-line tools, prefixed so it stands apart from Next's own. */
export function cliLog(line: string): void {
  console.log(`[baseplate] ${line}`);
}

/**
 * Runs a command-line entry point. It first loads .env files exactly as Next.js does (.env,
 * .env.local, .env.production...; the process environment wins), so the start script, the db:*
 * tools and the app all see one configuration. A failure prints one clear line and exits non-zero.
 */
export function runCli(main: () => Promise<void>): void {
  nextEnv.loadEnvConfig(path.resolve(import.meta.dirname, '../..'), process.argv.includes('--dev'), {
    info: () => {},
    error: console.error,
  });
  main().catch((error: unknown) => {
    console.error(`[baseplate] error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
    process.exit(1);
  });
}
