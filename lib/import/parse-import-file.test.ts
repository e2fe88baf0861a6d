import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { MAX_IMPORT_DEPTH, MAX_YAML_ALIASES, MAX_YAML_DOCUMENTS, MAX_YAML_MAP_KEYS, MAX_YAML_TOKENS } from './import-limits';
import { importFormatOf, parseImportFile } from './parse-import-file';

// An uploaded file -> items: each format, each bound (a 400 or 413 naming it), and hostile YAML.

function faultOf(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('the file was accepted');
}

const json = (text: string, options = {}) => parseImportFile(text, 'application/json', options);
const yaml = (text: string) => parseImportFile(text, 'application/yaml');

describe('importFormatOf', () => {
  it('reads the media type, ignoring parameters and case', () => {
    expect(importFormatOf('application/json; charset=utf-8')).toBe('json');
    expect(importFormatOf('Application/X-NDJSON')).toBe('ndjson');
    expect(importFormatOf('text/yaml')).toBe('yaml');
    expect(importFormatOf('application/vnd.baseplate+json')).toBe('json');
    expect(importFormatOf('application/vnd.backstage+yaml')).toBe('yaml');
    expect(importFormatOf('text/csv;header=present')).toBe('csv');
  });

  it('refuses any other type with a 400 that lists the accepted ones', () => {
    const fault = faultOf(() => importFormatOf('application/xml'));
    expect(fault.status).toBe(400);
    expect(fault.message).toContain('application/x-ndjson');
    expect(fault.message).toContain('not application/xml');
    expect(faultOf(() => importFormatOf(null)).details).toEqual({ reason: 'unsupported_media_type' });
  });
});

describe('JSON', () => {
  it('takes an array, {entities: [...]} or one object', () => {
    expect(json('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(json('{"entities":[{"a":1}]}')).toEqual([{ a: 1 }]);
    // An export's blueprints part becomes the blueprints document, an item of its own.
    expect(json('{"blueprints":[{"id":"s"}],"entities":[{"a":1}]}')).toEqual([
      { kind: 'baseplate/blueprints', version: 1, blueprints: [{ id: 's' }] },
      { a: 1 },
    ]);
    expect(json('{"identifier":"x"}')).toEqual([{ identifier: 'x' }]);
    expect(json('\uFEFF[1]')).toEqual([1]); // a byte-order mark
  });

  it('refuses a scalar, broken JSON and an empty file with 400s', () => {
    expect(faultOf(() => json('"text"')).message).toContain('must hold an array of items');
    const broken = faultOf(() => json('[{"a":}]'));
    expect(broken.status).toBe(400);
    expect(broken.message).toMatch(/^the file is not valid JSON/);
    expect(faultOf(() => json('  \n')).details).toEqual({ reason: 'empty_file' });
  });

  it(`refuses nesting past ${MAX_IMPORT_DEPTH} levels before parsing (10,000 levels: a 400, not a stack overflow)`, () => {
    const fault = faultOf(() => json('['.repeat(10_000) + ']'.repeat(10_000)));
    expect(fault.status).toBe(400);
    expect(fault.message).toContain('MAX_IMPORT_DEPTH');
    expect(json('['.repeat(MAX_IMPORT_DEPTH) + ']'.repeat(MAX_IMPORT_DEPTH))).toHaveLength(1);
  });

  it('refuses a file over the byte limit and one with too many items with 413s naming the limit', () => {
    const big = faultOf(() => json(`["${'x'.repeat(200)}"]`, { maxBytes: 100 }));
    expect(big.status).toBe(413);
    expect(big.details).toEqual({ reason: 'too_large', limit: 'MAX_IMPORT_BYTES' });
    // bytes, not characters: 40 three-byte characters are 120 bytes
    expect(faultOf(() => json(`["${'€'.repeat(40)}"]`, { maxBytes: 100 })).status).toBe(413);
    const many = faultOf(() => json('[1,2,3,4]', { maxItems: 3 }));
    expect(many.status).toBe(413);
    expect(many.message).toContain('MAX_IMPORT_ITEMS');
  });
});

describe('NDJSON', () => {
  const ndjson = (text: string, options = {}) => parseImportFile(text, 'application/x-ndjson', options);

  it('reads one value per line, skipping blank lines and CRLF', () => {
    expect(ndjson('{"a":1}\r\n\r\n{"a":2}\n')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('names the line of a fault', () => {
    const fault = faultOf(() => ndjson('{"a":1}\n\n{"a":\n'));
    expect(fault.status).toBe(400);
    expect(fault.message).toMatch(/^line 3 is not valid JSON/);
    expect(fault.details).toMatchObject({ reason: 'invalid_json', line: 3 });
    expect(faultOf(() => ndjson(`{}\n${'['.repeat(100)}${']'.repeat(100)}`)).message).toBe(
      `line 2 nests deeper than ${MAX_IMPORT_DEPTH} levels (MAX_IMPORT_DEPTH)`,
    );
  });

  it('stops at the item limit', () => {
    expect(faultOf(() => ndjson('1\n2\n3\n', { maxItems: 2 })).status).toBe(413);
  });
});

describe('YAML', () => {
  it('reads every document of a stream, unwrapping each; empty documents are left out', () => {
    const items = yaml('# header\n---\na: 1\n---\n---\n- b: 2\n- b: 3\n---\nentities:\n  - c: 4\n...\n');
    expect(items).toEqual([{ a: 1 }, { b: 2 }, { b: 3 }, { c: 4 }]);
  });

  it('keeps YAML 1.2 core types: no timestamps, no yes/no booleans', () => {
    expect(yaml('when: 2026-12-07\nflag: yes\nn: 0x10\n')).toEqual([{ when: '2026-12-07', flag: 'yes', n: 16 }]);
  });

  it('keeps a `__proto__` key as an ordinary key (no prototype is set)', () => {
    const [item] = yaml('__proto__: {polluted: true}\nx: 1\n') as Array<Record<string, unknown>>;
    expect(Object.keys(item)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect((item as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('names the document and line of a syntax fault and of a duplicate key', () => {
    const fault = faultOf(() => yaml('a: 1\n---\nb: [1, 2\nc: 3\n'));
    expect(fault.status).toBe(400);
    expect(fault.message).toMatch(/^YAML document 2 is not valid YAML \(line \d+\)/);
    expect(fault.details).toMatchObject({ reason: 'invalid_yaml', document: 2 });
    const duplicate = faultOf(() => yaml('a: 1\na: 2\n'));
    expect(duplicate.message).toMatch(/^YAML document 1 is not valid YAML \(line 2\): .*unique/i);
  });

  it('refuses an alias bomb (billion laughs) before it expands', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
    ].join('\n');
    const started = Date.now();
    const fault = faultOf(() => yaml(`ok: 1\n---\n${bomb}\n`));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fault.status).toBe(400);
    expect(fault.message).toBe(
      `YAML document 2 expands its aliases more than ${MAX_YAML_ALIASES} times (MAX_YAML_ALIASES): refused as a resource exhaustion attack`,
    );
    expect(fault.details).toEqual({ reason: 'too_many_aliases', limit: 'MAX_YAML_ALIASES', document: 2 });
    // a few ordinary anchors still work
    expect(yaml('base: &b {x: 1}\nuse: *b\n')).toEqual([{ base: { x: 1 }, use: { x: 1 } }]);
  });

  it('refuses 10,000-deep documents (flow and block) with a 400, and 100,000-deep without building them', () => {
    const flow = faultOf(() => yaml('['.repeat(10_000) + ']'.repeat(10_000)));
    expect(flow.status).toBe(400);
    expect(flow.message).toBe(`YAML document 1 nests deeper than ${MAX_IMPORT_DEPTH} levels (MAX_IMPORT_DEPTH)`);
    const block = faultOf(() => yaml('- '.repeat(10_000) + 'x\n'));
    expect(block.details).toEqual({ reason: 'too_deep', limit: 'MAX_IMPORT_DEPTH', document: 1 });
    let mapping = '';
    for (let i = 0; i < 100; i++) mapping += `${' '.repeat(i)}k:\n`;
    expect(faultOf(() => yaml(`a: 1\n---\n${mapping}`)).message).toContain('YAML document 2 nests deeper');
    // In a trial, the yaml package's composer ran the process out of memory at this depth: the
    // depth check must stop it before the composer sees it.
    expect(faultOf(() => yaml('['.repeat(100_000) + ']'.repeat(100_000))).details).toMatchObject({ reason: 'too_deep' });
    const ok = '['.repeat(MAX_IMPORT_DEPTH) + ']'.repeat(MAX_IMPORT_DEPTH);
    expect(yaml(ok)).toHaveLength(1);
  });

  it(`draws the depth bound at exactly ${MAX_IMPORT_DEPTH} levels, in block and mixed styles alike`, () => {
    const block = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
    expect(yaml(block(MAX_IMPORT_DEPTH))).toHaveLength(1);
    expect(faultOf(() => yaml(block(MAX_IMPORT_DEPTH + 1))).details).toMatchObject({ reason: 'too_deep' });
    const seqs = (n: number) => '- '.repeat(n) + 'x\n';
    expect(yaml(seqs(MAX_IMPORT_DEPTH))).toHaveLength(1);
    expect(faultOf(() => yaml(seqs(MAX_IMPORT_DEPTH + 1))).details).toMatchObject({ reason: 'too_deep' });
    const mixed = (n: number) => `a:\n  - ${'{b: ['.repeat(n)}1${']}'.repeat(n)}\n`;
    expect(yaml(mixed((MAX_IMPORT_DEPTH - 2) / 2))).toHaveLength(1);
    expect(faultOf(() => yaml(mixed((MAX_IMPORT_DEPTH - 2) / 2 + 1))).details).toMatchObject({ reason: 'too_deep' });
  });

  it('refuses depth built from aliases (an anchored deep value nested again)', () => {
    const half = (n: number) => '['.repeat(n) + '1' + ']'.repeat(n);
    const text = `a: &deep ${half(50)}\nb: ${'['.repeat(30)}*deep${']'.repeat(30)}\n`;
    expect(faultOf(() => yaml(text)).message).toContain('nests deeper than 64 levels');
  });

  it(`refuses a mapping of more than ${MAX_YAML_MAP_KEYS} keys (the duplicate-key check is quadratic)`, () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n');
    expect(yaml(keys(MAX_YAML_MAP_KEYS))).toHaveLength(1);
    const fault = faultOf(() => yaml(`a: 1\n---\n${keys(MAX_YAML_MAP_KEYS + 1)}`));
    expect(fault.message).toBe(`YAML document 2 has a mapping of more than ${MAX_YAML_MAP_KEYS} keys (MAX_YAML_MAP_KEYS)`);
    expect(faultOf(() => yaml(`{${keys(MAX_YAML_MAP_KEYS + 1).replace(/\n/g, ', ')}}`)).details).toMatchObject({ reason: 'too_many_keys' });
  });

  it(`refuses more than ${MAX_YAML_TOKENS} tokens with a 413 (the bound on parse time)`, () => {
    const fault = faultOf(() => yaml('- 1\n'.repeat(100_000)));
    expect(fault.status).toBe(413);
    expect(fault.details).toEqual({ reason: 'too_many_tokens', limit: 'MAX_YAML_TOKENS' });
  });

  it(`refuses more than ${MAX_YAML_DOCUMENTS} documents with a 413`, () => {
    const fault = faultOf(() => yaml('---\na: 1\n'.repeat(MAX_YAML_DOCUMENTS + 1)));
    expect(fault.status).toBe(413);
    expect(fault.message).toBe(`the YAML file holds more than ${MAX_YAML_DOCUMENTS} documents (MAX_YAML_DOCUMENTS)`);
  });
});

describe('CSV', () => {
  it('needs the blueprint (?blueprint=)', () => {
    const fault = faultOf(() => parseImportFile('identifier\nx\n', 'text/csv'));
    expect(fault.details).toEqual({ reason: 'blueprint_required' });
  });

  it('reads rows into export-shape items', () => {
    const items = parseImportFile('identifier,title,tier\napi,API,1\n', 'text/csv', {
      csv: { blueprint: 'service', schema: { type: 'object', properties: { tier: { type: 'integer' } } } },
    });
    expect(items).toEqual([{ blueprint: 'service', identifier: 'api', title: 'API', properties: { tier: 1 } }]);
  });
});
