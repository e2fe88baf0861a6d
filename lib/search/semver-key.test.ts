import { describe, expect, it } from 'vitest';
import { compareCodePoints } from './evaluate-query';
import { semverKey } from './semver-key';

describe('semverKey', () => {
  it('orders versions by semver precedence (semver.org §11, its own example and more)', () => {
    const ordered = [
      '0.0.1',
      '0.9.9',
      '1.0.0-0',
      '1.0.0-1',
      '1.0.0-2',
      '1.0.0-10',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.2.0',
      '1.10.0',
      '2.0.0-a.b',
      '2.0.0-a-b',
      '2.0.0',
      '10.0.0',
      '100.0.0',
    ];
    const keys = ordered.map((v) => semverKey(v) as string);
    const shuffled = [...keys].reverse().sort();
    expect(shuffled).toEqual(keys);
  });

  it('ignores build metadata and refuses what is not a version', () => {
    expect(semverKey('1.0.0+build.5')).toBe(semverKey('1.0.0'));
    for (const bad of ['1.2', 'v1.2.3', '01.2.3', '1.2.3-01', '', '1.2.3-', 'x']) expect(semverKey(bad), bad).toBeNull();
  });
});

describe('compareCodePoints', () => {
  it('orders by code point, as PostgreSQL\'s "C" collation does (not by UTF-16 unit)', () => {
    expect(compareCodePoints('\uffff', '🚀')).toBeLessThan(0); // '\uffff' > '\ud83d' as UTF-16 units
    expect(compareCodePoints('Zebra', 'apple')).toBeLessThan(0);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
  });
});
