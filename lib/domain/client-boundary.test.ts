import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// No browser bundle pulls in a server-only module: from every 'use client' file, the value
// imports are followed through the project's own modules (type imports are erased and skipped),
// and none may reach the database, auth, env or SQL modules ('use server' actions are crossed as
// references, so the walk stops there). The ESLint boundary
// (eslint/client-boundary.mjs) says it at the import; this catches a chain of innocent-looking ones.

const root = path.resolve(import.meta.dirname, '../..');
const SERVER_ONLY = [/^lib\/db\//, /^lib\/auth\//, /^lib\/env\.ts$/, /^lib\/generated\//, /\.sql\.ts$/, /-service\.ts$/, /^lib\/audit\//];

function files(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.join(path.dirname(from), spec) : null;
  if (base === null) return null; // a package
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base])
    if (existsSync(path.join(root, candidate)) && /\.tsx?$/.test(candidate)) return candidate;
  return null;
}

/** The project modules `file` imports for their values (not `import type`, not `export type`). */
function valueImports(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'/gms)) {
    if (m[2]) continue;
    const resolved = resolve(file, m[4]);
    if (resolved) out.push(resolved);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) {
    const resolved = resolve(file, m[1]);
    if (resolved) out.push(resolved);
  }
  return out;
}

function serverOnlyReached(start: string): string[] | null {
  const seen = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    const trail = seen.get(file)!;
    if (SERVER_ONLY.some((re) => re.test(file))) return trail;
    // A 'use server' module (server actions) reaches the browser as references only.
    if (file !== start && /^\s*['"]use server['"]/m.test(readFileSync(path.join(root, file), 'utf8'))) continue;
    for (const next of valueImports(file)) {
      if (seen.has(next)) continue;
      seen.set(next, [...trail, next]);
      queue.push(next);
    }
  }
  return null;
}

describe('the client boundary', () => {
  const clients = [...files('components'), ...files('app'), ...files('lib')].filter((f) =>
    /^\s*['"]use client['"]/m.test(readFileSync(path.join(root, f), 'utf8')),
  );

  it('finds the client modules', () => {
    expect(clients.length).toBeGreaterThan(20);
  });

  it('no client module reaches a server-only module through value imports', () => {
    const reached = clients.map((f) => serverOnlyReached(f)).filter((trail): trail is string[] => trail !== null);
    expect(reached.map((t) => t.join(' -> '))).toEqual([]);
  });

  it('would see one that did', () => {
    expect(serverOnlyReached('lib/relations/entity-links.ts')?.at(-1)).toMatch(/^lib\/db\//);
  });
});
