import { describe, expect, it } from 'vitest';
import { outcomeSentence } from './notify';

describe('outcomeSentence', () => {
  it('is a capitalised sentence naming the kind and the item', () => {
    expect(outcomeSentence('service', 'checkout', 'deleted')).toBe('Service “checkout” deleted.');
    expect(outcomeSentence('API key', 'ci', 'revoked')).toBe('API key “ci” revoked.');
  });

  it('leaves the name out when there is none, and never starts lowercase', () => {
    expect(outcomeSentence('team settings', null, 'saved')).toBe('Team settings saved.');
    expect(outcomeSentence('  ', 'x', 'created')).toBe('Item “x” created.');
  });
});
