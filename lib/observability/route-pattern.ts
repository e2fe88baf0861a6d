import { readdirSync } from 'node:fs';
import path from 'node:path';

// The route pattern of a request path, for access lines and metric labels: the App Router folder
// it lands in (`/api/v1/teams/[team]/members`, `/t/[team]/blueprints/[blueprint]`), never the raw
// path, whose ids would make one metric series per entity. Built once from app/'s route.ts and
// page.tsx files, matched the way Next.js matches: static segments beat dynamic ones, which beat
// catch-alls. (One function on purpose: a shared route table can replace it without other change.)

export type RoutePatternOf = (pathname: string) => string;

type Pattern = { segments: string[]; pattern: string };

const isCatchAll = (s: string) => s.startsWith('[...') || s.startsWith('[[...');
const isDynamic = (s: string) => s.startsWith('[') && s.endsWith(']');
const rank = (s: string) => (isCatchAll(s) ? 2 : isDynamic(s) ? 1 : 0);

function bySpecificity(a: Pattern, b: Pattern): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const d = rank(a.segments[i]) - rank(b.segments[i]);
    if (d !== 0) return d;
  }
  return b.segments.length - a.segments.length;
}

function fits(segments: string[], parts: string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (isCatchAll(s)) return s.startsWith('[[...') || i < parts.length;
    if (i >= parts.length) return false;
    if (!isDynamic(s) && s !== parts[i]) return false;
  }
  return segments.length === parts.length;
}

/** Patterns of `app/` (route.ts: the API; page.tsx: pages). */
export function loadRoutePatterns(appDir: string): RoutePatternOf {
  const files = readdirSync(appDir, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|[\\/])(route\.ts|page\.tsx)$/.test(f));
  const patterns: Pattern[] = [];
  for (const file of files) {
    const folders = path
      .dirname(file)
      .split(/[\\/]/)
      .filter((s) => s !== '.');
    if (folders.some((s) => s.startsWith('_'))) continue; // private folders are not routes
    // Route groups `(name)` and parallel-route slots `@name` are not part of the URL.
    const segments = folders.filter((s) => !(s.startsWith('(') && s.endsWith(')')) && !s.startsWith('@'));
    patterns.push({ segments, pattern: `/${segments.join('/')}` });
  }
  patterns.sort(bySpecificity);

  return (pathname) => {
    if (pathname.startsWith('/_next/')) return pathname.startsWith('/_next/static/') ? '/_next/static' : '/_next';
    const parts = pathname.split('/').slice(1);
    if (parts.at(-1) === '') parts.pop(); // `/` and trailing slashes
    const found = patterns.find((p) => fits(p.segments, parts));
    return found ? found.pattern : 'other';
  };
}
