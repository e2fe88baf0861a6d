/** Console output of the command-line tools, prefixed so it stands apart from Next's own. */
export function cliLog(line: string): void {
  console.log(`[baseplate] ${line}`);
}

/** Runs a command-line entry point: a failure prints one clear line and exits non-zero. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`[baseplate] error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
    process.exit(1);
  });
}
