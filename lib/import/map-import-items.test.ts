import { describe, expect, it } from 'vitest';
import { mapImportItems } from './map-import-items';
import { parseImportFile } from './parse-import-file';

// A file's items -> records: Baseplate's export shape (and entity views), per-item failures that
// never block the others, and Backstage documents recognised by their apiVersion.

describe('mapImportItems', () => {
  it('maps export items straight to records; `data` (an entity view) reads as properties', () => {
    const items = [
      { blueprint: 'service', identifier: 'api', title: 'API', properties: { tier: 1 }, relations: { runs_on: 'k8s', uses: ['db'] } },
      { id: 'f3c1', blueprint: 'service', identifier: 'web', title: null, data: { tier: 2 }, created_at: '2026-01-01T00:00:00Z' },
    ];
    expect(mapImportItems(items)).toEqual({
      blueprints: [],
      records: [
        {
          index: 0,
          blueprint: 'service',
          identifier: 'api',
          title: 'API',
          properties: { tier: 1 },
          relations: { runs_on: 'k8s', uses: ['db'] },
        },
        { index: 1, blueprint: 'service', identifier: 'web', title: null, properties: { tier: 2 } },
      ],
      failed: [],
      warnings: [],
      skipped: 0,
    });
  });

  it('fails each bad item with its index and path, and keeps the good ones', () => {
    const items = [
      'text',
      { identifier: 'no-blueprint' },
      { blueprint: 'Service!', identifier: 'x' },
      { blueprint: 'service', identifier: '-bad' },
      { blueprint: 'service', identifier: 'ok' },
      { blueprint: 'service', identifier: 't', title: 5 },
      { blueprint: 'service', identifier: 'p', properties: [] },
      { blueprint: 'service', identifier: 'r', relations: { uses: [1] } },
      { blueprint: 'service', identifier: 'both', properties: {}, data: {} },
      { blueprint: 'service', identifier: 'nul', properties: { name: 'a\u0000b' } },
    ];
    const out = mapImportItems(items);
    expect(out.records.map((r) => r.identifier)).toEqual(['ok']);
    expect(out.failed).toEqual([
      { index: 0, message: 'the item is not an object' },
      { index: 1, identifier: 'no-blueprint', path: '/blueprint', message: 'is missing (name it in the item, or import with ?blueprint=)' },
      { index: 2, identifier: 'x', path: '/blueprint', message: '"Service!" is not a blueprint id' },
      { index: 3, identifier: '-bad', path: '/identifier', message: 'must match ^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,254}$' },
      { index: 5, identifier: 't', path: '/title', message: 'must be a string or null' },
      { index: 6, identifier: 'p', path: '/properties', message: 'must be an object' },
      { index: 7, identifier: 'r', path: '/relations/uses', message: 'must be an identifier, a list of identifiers, or null' },
      { index: 8, identifier: 'both', path: '/data', message: 'give `properties` or `data`, not both' },
      { index: 9, identifier: 'nul', path: '/properties/name', message: 'contains a NUL character (\\u0000)' },
    ]);
  });

  it('gives items without a blueprint the one of ?blueprint=, and fails items naming another', () => {
    const out = mapImportItems([{ identifier: 'a' }, { blueprint: 'database', identifier: 'b' }], { blueprint: 'service' });
    expect(out.records).toEqual([{ index: 0, blueprint: 'service', identifier: 'a', properties: {} }]);
    expect(out.failed).toEqual([
      { index: 1, identifier: 'b', path: '/blueprint', message: 'is "database", but this import is for "service"' },
    ]);
  });

  it('reads a file with Backstage documents as a Backstage catalog', () => {
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata: {name: web}',
      'spec: {type: website, lifecycle: production, owner: frontend}',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata: {name: frontend}',
      'spec: {type: team, children: []}',
    ].join('\n');
    const out = mapImportItems(parseImportFile(text, 'application/yaml'));
    expect(out.blueprints).toHaveLength(7);
    expect(out.records.map((r) => [r.index, r.blueprint, r.identifier])).toEqual([
      [0, 'component', 'web'],
      [1, 'group', 'frontend'],
    ]);
    expect(out.records[0].relations?.owner).toBe('frontend');
    expect(out.failed).toEqual([]);
  });

  it('round-trips a CSV file into records', () => {
    const items = parseImportFile('identifier,title,tier\napi,API,1\n', 'text/csv', {
      csv: { blueprint: 'service', schema: { type: 'object', properties: { tier: { type: 'integer' } } } },
    });
    expect(mapImportItems(items, { blueprint: 'service' }).records).toEqual([
      { index: 0, blueprint: 'service', identifier: 'api', title: 'API', properties: { tier: 1 } },
    ]);
  });
});
