import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@/lib/openapi/build-openapi';
import { allows, ENTRY_POINTS, SERVICE_ENTRY_POINTS, type EntryPoint, type EntryPointRule } from './service-permissions';

// The table of service entry points against the two other places that state who may call what:
// the OpenAPI document (each route's documented permission is its service's), and app/ (no route
// or page can build the system's context).

type Operation = { operationId: string; 'x-access'?: string; 'x-permission'?: string };
const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, Operation | unknown>> };
const operations = Object.values(doc.paths).flatMap((ops) =>
  Object.values(ops).filter((op): op is Operation => typeof op === 'object' && op !== null && 'operationId' in op),
);

describe('the table of service entry points', () => {
  it('gives every team route the permission its service entry point checks', () => {
    const byOperation = new Map<string, EntryPoint[]>();
    for (const entry of ENTRY_POINTS) {
      for (const id of SERVICE_ENTRY_POINTS[entry].operations) byOperation.set(id, [...(byOperation.get(id) ?? []), entry]);
    }
    for (const op of operations.filter((o) => o['x-access'] === 'team_member')) {
      const entries = byOperation.get(op.operationId) ?? [];
      expect(entries, `${op.operationId}: which entry point serves it?`).not.toEqual([]);
      for (const entry of entries) {
        const rule: EntryPointRule = SERVICE_ENTRY_POINTS[entry];
        expect(op['x-permission'] ?? 'member', `${op.operationId} -> ${entry}`).toBe(rule.needs);
      }
    }
    const known = new Set(operations.map((o) => o.operationId));
    expect(
      [...byOperation.keys()].filter((id) => !known.has(id)),
      'operations named in the table that the document lacks',
    ).toEqual([]);
  });

  it('allows by permission, refuses keys and the system where only a person may act', () => {
    expect(allows('getBlueprint', { kind: 'user', permissions: ['entity:read'] })).toBe(false);
    expect(allows('getBlueprint', { kind: 'api_key', permissions: ['blueprint:read'] })).toBe(true);
    expect(allows('listMembers', { kind: 'system', permissions: [] })).toBe(true);
    expect(allows('createApiKey', { kind: 'user', permissions: ['team:manage'] })).toBe(true);
    expect(allows('createApiKey', { kind: 'api_key', permissions: ['team:manage'] })).toBe(false);
    expect(allows('createApiKey', { kind: 'system', permissions: ['team:manage'] })).toBe(false);
    expect(allows('createTeam', { kind: 'api_key', permissions: [] })).toBe(false);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(d.name) ? [full] : [];
  });
}

describe('the system actor', () => {
  it('is built by no route and no page: nothing under app/ imports systemContext or makes a system actor', () => {
    const offenders = sourceFiles(path.join(process.cwd(), 'app')).filter((file) => {
      const source = readFileSync(file, 'utf8');
      return /system-context|systemContext|kind:\s*['"]system['"]/.test(source);
    });
    expect(offenders).toEqual([]);
  });
});
