import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRoutePatterns } from './route-pattern';

// Against the app's real app/ folder, so a renamed route shows here.
const routeOf = loadRoutePatterns(path.resolve(import.meta.dirname, '../../app'));

describe('loadRoutePatterns', () => {
  it('names API requests by their route folder, never by their ids', () => {
    expect(routeOf('/api/v1/teams/acme/members')).toBe('/api/v1/teams/[team]/members');
    expect(routeOf('/api/v1/teams/acme/blueprints/service/entities/checkout-api')).toBe(
      '/api/v1/teams/[team]/blueprints/[blueprint]/entities/[identifier]',
    );
    expect(routeOf('/api/v1/teams/acme')).toBe('/api/v1/teams/[team]');
    expect(routeOf('/api/v1/health')).toBe('/api/v1/health');
  });

  it('prefers static segments over dynamic ones, and dynamic ones over catch-alls', () => {
    const entities = '/api/v1/teams/[team]/blueprints/[blueprint]/entities';
    expect(routeOf('/api/v1/teams/acme/blueprints/service/entities/search')).toBe(`${entities}/search`);
    expect(routeOf('/api/v1/teams/acme/blueprints/service/entities/bulk')).toBe(`${entities}/bulk`);
    expect(routeOf('/api/v1/no/such/thing')).toBe('/api/[...unknown]');
    expect(routeOf('/api/auth/session')).toBe('/api/auth/[...nextauth]');
  });

  it('names pages by their pattern, without route groups', () => {
    expect(routeOf('/')).toBe('/');
    expect(routeOf('/login')).toBe('/login');
    expect(routeOf('/t/acme')).toBe('/t/[team]');
    expect(routeOf('/t/acme/blueprints/service/entities/checkout-api/history')).toBe(
      '/t/[team]/blueprints/[blueprint]/entities/[identifier]/history',
    );
    expect(routeOf('/t/acme/settings/members/')).toBe('/t/[team]/settings/members');
  });

  it('folds everything else into a few labels', () => {
    expect(routeOf('/_next/static/chunks/abc123.js')).toBe('/_next/static');
    expect(routeOf('/_next/image')).toBe('/_next');
    expect(routeOf('/favicon.svg')).toBe('other');
    expect(routeOf('/wp-admin/setup.php')).toBe('other');
  });
});
