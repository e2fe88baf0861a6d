import { describe, expect, it } from 'vitest';
import { IDENTIFIER } from './schemas';
import { suggestIdentifier } from './suggest-identifier';

describe('suggestIdentifier', () => {
  it('makes a readable identifier of a title', () => {
    expect(suggestIdentifier('Payments API (EU)')).toBe('payments-api-eu');
    expect(suggestIdentifier('  Équipe Données  ')).toBe('equipe-donnees');
    expect(suggestIdentifier('svc_v2.1')).toBe('svc_v2.1');
  });

  it('answers what the identifier pattern accepts, or nothing', () => {
    for (const title of ['--Hello--', '🚀 Launch', '...dots', 'x'.repeat(400), '日本語']) {
      const id = suggestIdentifier(title);
      if (id !== '') expect(id).toMatch(new RegExp(IDENTIFIER));
    }
    expect(suggestIdentifier('🚀')).toBe('');
  });
});
