import { describe, expect, it } from 'vitest';
import { identifierError } from './validate-identifier';

describe('identifierError', () => {
  it('accepts identifiers of API.md', () => {
    for (const id of ['checkout-api', 'a', 'team/svc@v2', 'x.y:z+1_2', 'A'.repeat(255)]) expect(identifierError(id)).toBeUndefined();
  });
  it('refuses empty, too long and badly shaped identifiers', () => {
    expect(identifierError('')).toBe('Required');
    expect(identifierError('A'.repeat(256))).toBe('Must be at most 255 characters');
    expect(identifierError('-leading')).toMatch(/^Must start with a letter or digit/);
    expect(identifierError('has space')).toMatch(/^Must start/);
  });
});
