import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// `npm start` builds when needed: when there is no production build yet, or when the sources it
// was built from changed since (a content hash, so a fresh clone or a `git pull` rebuilds and an
// unchanged tree starts at once).

const ROOT = path.resolve(import.meta.dirname, '../..');
const INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'prisma/schema.prisma',
  'next.config.mjs',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const SKIP = new Set(['node_modules', 'generated', '.next']);
const STAMP = path.join(ROOT, '.next', 'baseplate-source-hash');

function hashSources(): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (!SKIP.has(name) && !name.endsWith('.test.ts')) walk(path.join(rel, name));
      }
    } else {
      hash.update(rel).update('\0').update(readFileSync(abs)).update('\0');
    }
  };
  INPUTS.forEach(walk);
  return hash.digest('hex');
}

export function buildIfNeeded(log: (line: string) => void): void {
  const current = hashSources();
  const built = existsSync(path.join(ROOT, '.next', 'BUILD_ID')) && existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : '';
  if (built === current) return;
  log(built ? 'sources changed since the last build: building Baseplate…' : 'building Baseplate (first start, about 30 s)…');
  build(current);
}

/** `npm run build`: builds now and records what it built from, so the next `npm start` does not build again. */
export function buildNow(log: (line: string) => void): void {
  log('building Baseplate…');
  build(hashSources());
}

function build(sourceHash: string): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  writeFileSync(STAMP, sourceHash);
}
