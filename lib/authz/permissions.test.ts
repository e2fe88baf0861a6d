import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, DEFAULT_ROLES, isPermission } from './permissions';

const role = (name: string) => DEFAULT_ROLES.find((r) => r.name === name)!.permissions;

describe('permissions (API.md)', () => {
  it('are exactly the fifteen of the contract', () => {
    expect([...ALL_PERMISSIONS].sort()).toEqual(
      [
        'team:manage',
        'blueprint:read',
        'blueprint:write',
        'blueprint:delete',
        'entity:read',
        'entity:write',
        'entity:delete',
        'integration:read',
        'integration:write',
        'scorecard:read',
        'scorecard:write',
        'action:read',
        'action:write',
        'action:execute',
        'action:approve',
      ].sort(),
    );
  });

  it('admin has all; editor every read and write plus action:execute; viewer every read', () => {
    expect(role('admin')).toEqual(ALL_PERMISSIONS);
    expect([...role('editor')].sort()).toEqual(
      ALL_PERMISSIONS.filter((p) => p.endsWith(':read') || p.endsWith(':write') || p === 'action:execute').sort(),
    );
    expect(role('editor')).not.toContain('team:manage');
    expect(role('admin')).toContain('action:approve');
    expect(role('editor')).not.toContain('action:approve');
    expect(role('editor').some((p) => p.endsWith(':delete'))).toBe(false);
    expect([...role('viewer')].sort()).toEqual(ALL_PERMISSIONS.filter((p) => p.endsWith(':read')).sort());
  });

  it('unknown strings are not permissions', () => {
    expect(isPermission('entity:read')).toBe(true);
    expect(isPermission('entity:admin')).toBe(false);
    expect(isPermission('__proto__')).toBe(false);
    expect(isPermission(42)).toBe(false);
  });
});
