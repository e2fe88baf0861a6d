import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The direct dispatcher (direct-api.ts) serves API calls without Next.js's pipeline, so whatever
// that pipeline would add must either not exist or be honoured by the request front. These fail
// the day someone adds middleware/proxy, or a next.config key the direct path ignores, so the
// change has to come with its direct-path twin (then extend the lists here, saying how).

const ROOT = path.resolve(import.meta.dirname, '../..');

/** next.config keys that change nothing the direct path answers, and why. */
const NEXT_CONFIG_KEYS_OK: Record<string, string> = {
  poweredByHeader: 'false: neither path sends X-Powered-By',
  serverExternalPackages: 'bundling only',
  experimental: 'checked below, key by key',
};
const EXPERIMENTAL_KEYS_OK: Record<string, string> = {
  authInterrupts: 'forbidden()/unauthorized() in pages; route handlers answer their own errors',
};

describe('what Next.js would add that the direct path does not', () => {
  it('no middleware or proxy file exists (the dispatcher would skip it)', () => {
    const names = ['middleware', 'proxy'].flatMap((n) => ['ts', 'js', 'mjs'].flatMap((ext) => [`${n}.${ext}`, `src/${n}.${ext}`]));
    expect(names.filter((n) => existsSync(path.join(ROOT, n)))).toEqual([]);
  });

  it('next.config sets nothing the direct path ignores (headers, rewrites, redirects, basePath, compress...)', async () => {
    const config = ((await import(pathToFileURL(path.join(ROOT, 'next.config.mjs')).href)) as { default: Record<string, unknown> }).default;
    expect(Object.keys(config).filter((k) => !Object.hasOwn(NEXT_CONFIG_KEYS_OK, k))).toEqual([]);
    const experimental = (config.experimental ?? {}) as Record<string, unknown>;
    expect(Object.keys(experimental).filter((k) => !Object.hasOwn(EXPERIMENTAL_KEYS_OK, k))).toEqual([]);
  });
});

describe('the ESLint rule for app/api', () => {
  it('refuses what only Next.js request scope provides', async () => {
    const source = [
      "import { cookies } from 'next/headers';",
      "import { after, NextRequest } from 'next/server';",
      'export const revalidate = 60;',
      'export async function GET(request: NextRequest) {',
      '  after(() => {});',
      '  await cookies();',
      '  return Response.json({ path: request.nextUrl.pathname });',
      '}',
      '',
    ].join('\n');
    const eslint = new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, 'app/api/v1/probe/route.ts') });
    const restricted = result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax');
    expect(restricted.map((m) => m.line)).toEqual([1, 2, 2, 3, 7]);
    const [outside] = await eslint.lintText(source, { filePath: path.join(ROOT, 'lib/web/probe.ts') });
    expect(outside.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  }, 60_000);
});
