import { describe, expect, it } from 'vitest';
import { diffAuditData, summarizeDiff } from './audit-diff';

describe('diffAuditData', () => {
  it('lists only the keys that changed, old -> new', () => {
    const diff = diffAuditData({ email: 'a@x.io', role: 'editor' }, { email: 'a@x.io', role: 'viewer' });
    expect(diff).toEqual({ kind: 'lines', lines: [{ key: 'role', kind: 'changed', before: 'editor', after: 'viewer' }] });
    expect(summarizeDiff(diff)).toBe('role: editor → viewer');
  });

  it('shows a creation as set values and a deletion as unset ones, nulls as a dash', () => {
    expect(diffAuditData(null, { name: 'ci', expires_at: null })).toEqual({
      kind: 'lines',
      lines: [
        { key: 'name', kind: 'set', value: 'ci' },
        { key: 'expires_at', kind: 'set', value: '—' },
      ],
    });
    const removed = diffAuditData({ name: 'ops', permissions: ['a', 'b'] }, null);
    expect(removed).toEqual({
      kind: 'lines',
      lines: [
        { key: 'name', kind: 'unset', value: 'ops' },
        { key: 'permissions', kind: 'unset', value: 'a, b' },
      ],
    });
    expect(summarizeDiff(removed)).toBe('2 fields');
  });

  it("shows timestamps in the page's format", () => {
    expect(diffAuditData(null, { expires_at: '2027-02-26T23:59:59.000Z' })).toEqual({
      kind: 'lines',
      lines: [{ key: 'expires_at', kind: 'set', value: 'Feb 26, 2027, 11:59 PM UTC' }],
    });
  });

  it('diffs lists as added and removed items', () => {
    const diff = diffAuditData({ permissions: ['entity:read', 'entity:write'] }, { permissions: ['entity:read', 'action:execute'] });
    expect(diff).toEqual({
      kind: 'lines',
      lines: [{ key: 'permissions', kind: 'list', added: ['action:execute'], removed: ['entity:write'] }],
    });
  });

  it('falls back to JSON for nested data, and says when nothing was recorded', () => {
    expect(diffAuditData({ data: { a: 1 } }, { data: { a: 2 } }).kind).toBe('json');
    expect(diffAuditData('x', 'y').kind).toBe('json');
    expect(diffAuditData(null, null)).toEqual({ kind: 'none' });
    expect(summarizeDiff(diffAuditData({ a: 1 }, { a: 1 }))).toBe('No field changed');
  });
});
