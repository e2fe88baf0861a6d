import { describe, expect, it } from 'vitest';
import { moveActive, paletteItems } from './quick-search-items';

const blueprints = [
  { id: 'service', title: 'Service', icon: '⚙️' },
  { id: 'database', title: 'Database', icon: null },
  { id: 'microservice', title: 'Micro', icon: null },
];

describe('paletteItems', () => {
  it('lists matching blueprints (exact, prefix, substring) before the entities found', () => {
    const items = paletteItems('acme', 'serv', blueprints, [{ blueprint: 'service', identifier: 'svc/api', title: 'API' }]);
    expect(items.map((i) => i.id)).toEqual(['bp-service', 'bp-microservice', 'en-service-svc/api']);
    expect(items[2]).toMatchObject({
      label: 'API',
      detail: 'Service · svc/api',
      icon: '⚙️',
      href: '/t/acme/blueprints/service/entities/svc%2Fapi',
    });
  });

  it('shows the identifier when an entity has no title, and nothing for blank text', () => {
    expect(paletteItems('acme', 'x', [], [{ blueprint: 'gone', identifier: 'x1', title: null }])[0]).toMatchObject({
      label: 'x1',
      detail: 'gone · x1',
    });
    expect(paletteItems('acme', '  ', blueprints, [])).toEqual([]);
  });
});

describe('moveActive', () => {
  it('wraps around and starts from either end', () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(0, 0, 1)).toBe(-1);
  });
});
