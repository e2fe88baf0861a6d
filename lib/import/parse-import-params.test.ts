import { describe, expect, it } from 'vitest';
import { parseImportParams } from './parse-import-params';

const parse = (query: string) => parseImportParams(new URL(`http://x/import?${query}`));

describe('parseImportParams', () => {
  it('reads blueprint, dry_run and kinds', () => {
    expect(parse('blueprint=service&dry_run=true&kinds=Component:service,group:team')).toEqual({
      blueprint: 'service',
      dryRun: true,
      kinds: { component: 'service', group: 'team' },
    });
    expect(parse('')).toEqual({ blueprint: undefined, dryRun: false, kinds: undefined });
  });

  it('refuses unknown parameters, kinds and blueprint ids with 400s', () => {
    expect(() => parse('mode=full')).toThrow(/unknown query parameter "mode"/);
    expect(() => parse('kinds=template:x')).toThrow(/kind:blueprint pairs/);
    expect(() => parse('kinds=component')).toThrow(/kind:blueprint pairs/);
    expect(() => parse('blueprint=Not%20an%20id')).toThrow(/not a blueprint id/);
    expect(() => parse('dry_run=yes')).toThrow();
  });
});
