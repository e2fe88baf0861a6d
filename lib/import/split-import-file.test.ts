import { describe, expect, it } from 'vitest';
import { parseImportFile } from './parse-import-file';
import { splitImportFile } from './split-import-file';

// Each part must be a file of its own that parses to a slice of the items, in order, and the
// parts together must be exactly the file's items.

const items = Array.from({ length: 300 }, (_, i) => ({ blueprint: 'service', identifier: `s-${i}`, properties: { note: 'x'.repeat(50) } }));

function roundTrip(text: string, type: string, format: Parameters<typeof splitImportFile>[1], max: number) {
  const parts = splitImportFile(text, format, max);
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(max);
  return parts.flatMap((p) => parseImportFile(p, type, format === 'csv' ? { csv: { blueprint: 'service' } } : {}));
}

describe('splitImportFile', () => {
  it('leaves a file that fits as it is', () => {
    expect(splitImportFile('[1]', 'json')).toEqual(['[1]']);
  });

  it('cuts NDJSON at lines', () => {
    const text = items.map((i) => JSON.stringify(i)).join('\n') + '\n';
    expect(roundTrip(text, 'application/x-ndjson', 'ndjson', 4000)).toEqual(items);
  });

  it('cuts JSON at items and keeps the blueprints part in the first', () => {
    const text = JSON.stringify({ blueprints: [{ id: 'service' }], entities: items });
    const parts = splitImportFile(text, 'json', 4000);
    expect(JSON.parse(parts[0]).blueprints).toEqual([{ id: 'service' }]);
    const all = roundTrip(text, 'application/json', 'json', 4000);
    expect(all[0]).toEqual({ kind: 'baseplate/blueprints', version: 1, blueprints: [{ id: 'service' }] });
    expect(all.slice(1)).toEqual(items);
  });

  it('cuts YAML at documents', () => {
    const text = items
      .map((i) => `---\nblueprint: service\nidentifier: ${i.identifier}\nproperties:\n  note: |\n    ---\n    ${i.properties.note}\n`)
      .join('');
    const all = roundTrip(text, 'application/yaml', 'yaml', 4000);
    expect(all.map((i) => (i as { identifier: string }).identifier)).toEqual(items.map((i) => i.identifier));
  });

  it('cuts CSV at records, quoted newlines kept, the header in every part', () => {
    const text = 'identifier,title\n' + items.map((i) => `${i.identifier},"two\nlines, ""quoted"""\n`).join('');
    const all = roundTrip(text, 'text/csv', 'csv', 2000) as Array<{ identifier: string; title: string }>;
    expect(all.map((i) => i.identifier)).toEqual(items.map((i) => i.identifier));
    expect(all[299].title).toBe('two\nlines, "quoted"');
  });

  it('refuses an item larger than a part', () => {
    expect(() => splitImportFile(`[${JSON.stringify({ a: 'x'.repeat(5000) })}, 1]`, 'json', 1000)).toThrow(/larger than/);
  });
});
