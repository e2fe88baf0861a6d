import { describe, expect, it } from 'vitest';
import { EntityRefError, parseEntityRef, refIdentifier, stringifyEntityRef } from './parse-entity-ref';

// Entity refs resolve as Backstage's catalog resolves them.

const ctx = { defaultKind: 'group', defaultNamespace: 'default' };

describe('parseEntityRef', () => {
  it('fills the kind and namespace the ref leaves out from the context', () => {
    expect(parseEntityRef('payments', ctx)).toEqual({ kind: 'group', namespace: 'default', name: 'payments' });
    expect(parseEntityRef('user:alice', ctx)).toEqual({ kind: 'user', namespace: 'default', name: 'alice' });
    expect(parseEntityRef('corp/security', ctx)).toEqual({ kind: 'group', namespace: 'corp', name: 'security' });
    expect(parseEntityRef('component:corp/vault', ctx)).toEqual({ kind: 'component', namespace: 'corp', name: 'vault' });
    // the referring entity's namespace is the default, as in Backstage
    expect(parseEntityRef('security', { defaultKind: 'group', defaultNamespace: 'corp' }).namespace).toBe('corp');
    expect(parseEntityRef('security', { defaultKind: 'group' }).namespace).toBe('default');
  });

  it('compares case-insensitively: every part in lower case', () => {
    expect(parseEntityRef('Group:Default/Payments-Team', ctx)).toEqual({ kind: 'group', namespace: 'default', name: 'payments-team' });
  });

  it('reads a / before the first : as namespace/name (the name may hold a colon)', () => {
    expect(parseEntityRef('team/a:b', ctx)).toEqual({ kind: 'group', namespace: 'team', name: 'a:b' });
    expect(parseEntityRef('component:ns/a:b', ctx)).toEqual({ kind: 'component', namespace: 'ns', name: 'a:b' });
  });

  it('accepts the compound form', () => {
    expect(parseEntityRef({ kind: 'User', name: 'Bob' }, ctx)).toEqual({ kind: 'user', namespace: 'default', name: 'bob' });
  });

  it('refuses a ref without a kind where the field has no default (spec.dependsOn), and empty parts', () => {
    expect(() => parseEntityRef('cart-service', { defaultNamespace: 'default' })).toThrow(
      /has no kind \(write it: "component:cart-service"\)/,
    );
    expect(() => parseEntityRef(':x', ctx)).toThrow(EntityRefError);
    expect(() => parseEntityRef('component:/x', ctx)).toThrow(/not of the form/);
    expect(() => parseEntityRef('a/', ctx)).toThrow(/not of the form/);
    expect(() => parseEntityRef(42, ctx)).toThrow(/neither a string nor/);
    expect(() => parseEntityRef({ kind: 'user' }, ctx)).toThrow(/has no name/);
  });
});

describe('refIdentifier and stringifyEntityRef', () => {
  it('uses the bare name in the default namespace and namespace/name elsewhere', () => {
    expect(refIdentifier({ namespace: 'default', name: 'payments' })).toBe('payments');
    expect(refIdentifier({ namespace: 'corp', name: 'security' })).toBe('corp/security');
    expect(stringifyEntityRef({ kind: 'group', namespace: 'corp', name: 'security' })).toBe('group:corp/security');
  });
});
