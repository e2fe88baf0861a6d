import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '@/lib/authz/permissions';
import { createTeamBody } from '@/lib/teams/schemas';
import { VERSION } from '@/lib/version';
import { GET } from '@/app/api/v1/openapi.json/route';
import { buildOpenApiDocument } from './build-openapi';
import { apiRouteTable, matchApiRoute } from '@/lib/http/api-route-table';
import { compareCoverage, documentedRoutes, exportedMethods, routePath, servedRoutes, type RouteDescriptor } from './route-coverage';

type Doc = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, unknown> & { parameters?: Array<{ $ref?: string; name?: string; in?: string }> }>;
  components: Record<string, Record<string, unknown>>;
};

const doc = buildOpenApiDocument() as Doc;
const APP_DIR = path.resolve(import.meta.dirname, '../../app');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

type Operation = {
  operationId: string;
  parameters?: Array<{ $ref?: string; name?: string; in?: string }>;
  responses: Record<string, unknown>;
  security?: unknown[];
  'x-permission'?: string;
  'x-access'?: string;
};

const operations = Object.entries(doc.paths).flatMap(([p, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ path: p, method: m, item, op: item[m] as Operation })),
);

/** Resolves a local `$ref` (`#/components/...`) in the document, or undefined. */
function resolve(ref: string): unknown {
  let node: unknown = doc;
  for (const raw of ref.replace(/^#\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function* refsIn(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const v of value) yield* refsIn(v);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') yield v;
      else yield* refsIn(v);
    }
  }
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 by the official schema', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(VERSION);
  });

  it('has every $ref resolve', () => {
    const broken = [...new Set(refsIn(doc))].filter((ref) => !ref.startsWith('#/') || resolve(ref) === undefined);
    expect(broken).toEqual([]);
  });

  it('declares each path template parameter, and only those', () => {
    for (const { path: p, item, op } of operations) {
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(
        (x) => (x.$ref ? resolve(x.$ref) : x) as { name: string; in: string },
      );
      const declared = params
        .filter((x) => x.in === 'path')
        .map((x) => x.name)
        .sort();
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      expect(declared, p).toEqual(templated);
    }
  });

  it('gives every operation a unique id, its access, a success and the errors of its wrapper', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path: p, method, op } of operations) {
      const where = `${method.toUpperCase()} ${p}`;
      expect(
        Object.keys(op.responses).some((s) => s.startsWith('2')),
        where,
      ).toBe(true);
      expect(op.responses['500'] ?? op.responses['503'], where).toBeDefined();
      if (op['x-access'] === 'public') {
        expect(op.security, where).toEqual([]);
        continue;
      }
      expect(op.security, where).toBeUndefined(); // the document's default: any of the three
      expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['401', '429']));
      if (op['x-access'] === 'team_member') expect(op.responses['404'], where).toBeDefined();
      if (op['x-permission'] !== undefined) {
        expect(ALL_PERMISSIONS, where).toContain(op['x-permission']);
        expect(op.responses['403'], where).toBeDefined();
      }
    }
  });

  it('names the permission of team routes as API.md does', () => {
    const permissionOf = (method: string, p: string) => operations.find((o) => o.method === method && o.path === p)?.op['x-permission'];
    expect(permissionOf('get', '/api/v1/teams/{team}')).toBeUndefined();
    expect(permissionOf('delete', '/api/v1/teams/{team}')).toBe('team:manage');
    expect(permissionOf('get', '/api/v1/teams/{team}/audit-logs')).toBe('team:manage');
    expect(permissionOf('get', '/api/v1/teams/{team}/blueprints')).toBe('blueprint:read');
    expect(permissionOf('delete', '/api/v1/teams/{team}/blueprints/{blueprint_id}')).toBe('blueprint:delete');
  });

  it("uses the routes' own body schemas", () => {
    expect(doc.components.schemas.CreateTeamBody).toEqual(createTeamBody.schema);
    expect(doc.components.schemas.CreateTeamBody).not.toBe(createTeamBody.schema); // a copy: the document never shares the validator's object
  });
});

describe('route coverage', () => {
  it('documents every route under app/api/v1 (the route table the dispatcher serves), and no route that does not exist', () => {
    const served = servedRoutes(apiRouteTable(APP_DIR));
    expect(served.length).toBeGreaterThan(10);
    for (const route of served) expect(route.methods.length, `${route.path} exports no HTTP method`).toBeGreaterThan(0);
    expect(compareCoverage(served, documentedRoutes(doc))).toEqual({ undocumented: [], unserved: [] });
  });

  it('fails on a route that is not documented, and on a documented one that is gone', () => {
    const documented: RouteDescriptor[] = [{ path: '/api/v1/teams', methods: ['GET', 'POST'] }];
    const served: RouteDescriptor[] = [
      { path: '/api/v1/teams', methods: ['GET'] },
      { path: '/api/v1/teams/{team}/widgets', methods: ['GET'] },
    ];
    expect(compareCoverage(served, documented)).toEqual({
      undocumented: ['GET /api/v1/teams/{team}/widgets'],
      unserved: ['POST /api/v1/teams'],
    });
  });

  it('maps folders to OpenAPI paths, and refuses a dynamic folder it has no name for', () => {
    expect(routePath(['teams', '[team]', 'members', '[userId]'])).toBe('/api/v1/teams/{team}/members/{user_id}');
    expect(routePath(['(group)', 'health'])).toBe('/api/v1/health');
    expect(() => routePath(['teams', '[widgetId]'])).toThrow(/PATH_PARAM_NAMES/);
  });

  it('reads the methods a route file exports, in each form', () => {
    const source = [
      'export const GET = withTeam({}, async () => ({ body: null }));',
      'export async function POST() {}',
      'export function DELETE() {}',
      'export const { PUT, PATCH: patch } = handlers;',
      'export { HEAD as HEAD };',
      'const OPTIONS = 1; // not exported',
      'export const dynamic = "force-dynamic";',
    ].join('\n');
    expect(exportedMethods(source)).toEqual(['GET', 'POST', 'PUT', 'DELETE', 'HEAD']);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('serves the document, cacheable for five minutes', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe('the route table', () => {
  it('orders a static segment before a dynamic one, so /entities/search is not read as an identifier', () => {
    const table = apiRouteTable(APP_DIR);
    const match = matchApiRoute(table, '/api/v1/teams/acme/blueprints/service/entities/search');
    expect(match?.route.file).toBe('v1/teams/[team]/blueprints/[blueprint]/entities/search/route.ts');
    expect(matchApiRoute(table, '/api/v1/teams/acme/blueprints/service/entities/bulk')?.route.methods).toEqual(['POST']);
    expect(matchApiRoute(table, '/api/v1/teams/acme/blueprints/service/entities/svc-1')?.params).toEqual(
      Object.assign(Object.create(null), { team: 'acme', blueprint: 'service', identifier: 'svc-1' }),
    );
    expect(matchApiRoute(table, '/api/v1/teams/acme/openapi.json')?.route.file).toBe('v1/teams/[team]/openapi.json/route.ts');
  });
});
