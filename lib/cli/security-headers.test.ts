import { describe, expect, it } from 'vitest';
import { pagePolicy } from './security-headers';

describe('pagePolicy', () => {
  const formAction = (policy: string) => policy.split('; ').find((d) => d.startsWith('form-action'));

  it("lets forms post only to Baseplate itself, and also to the single sign-on provider's origin when one is set", () => {
    expect(formAction(pagePolicy('n', false))).toBe("form-action 'self'");
    expect(formAction(pagePolicy('n', false, 'https://id.example.com'))).toBe("form-action 'self' https://id.example.com");
  });
});
