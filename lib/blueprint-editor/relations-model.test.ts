import { describe, expect, it } from 'vitest';
import {
  describeRelationChange,
  draftsToBody,
  newRelationDraft,
  relationChanges,
  relationIdError,
  relationsToDrafts,
  removesLinks,
  type RelationView,
} from './relations-model';

const original: Record<string, RelationView> = {
  runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one', required: true },
  depends_on: { title: null, target: 'service', type: 'many-to-many', required: false },
  owned_by: { title: 'Owner', target: 'team', type: 'many-to-one', required: false },
};

describe('the blueprint editor relations model', () => {
  it('round-trips the view to the body unchanged when nothing is edited', () => {
    expect(draftsToBody(relationsToDrafts(original))).toEqual(original);
    expect(relationChanges(original, relationsToDrafts(original))).toEqual([]);
  });

  it('sends a changed id as a rename (renamed_from) and says its links are kept', () => {
    const drafts = relationsToDrafts(original).map((d) => (d.id === 'runs_on' ? { ...d, id: 'hosted_on' } : d));
    expect(draftsToBody(drafts).hosted_on).toEqual({
      title: 'Runs on',
      target: 'cluster',
      type: 'many-to-one',
      required: true,
      renamed_from: 'runs_on',
    });
    expect(draftsToBody(drafts).runs_on).toBeUndefined();
    const changes = relationChanges(original, drafts);
    expect(changes).toEqual([{ kind: 'renamed', from: 'runs_on', to: 'hosted_on' }]);
    expect(changes.some(removesLinks)).toBe(false);
    expect(describeRelationChange(changes[0])).toContain('links are kept');
  });

  it('names removals, new targets and type changes that can cost links, but not a loosening to many-to-many', () => {
    const drafts = relationsToDrafts(original)
      .filter((d) => d.id !== 'owned_by')
      .map((d) => (d.id === 'runs_on' ? { ...d, target: 'node' } : { ...d, type: 'one-to-one' as const }));
    const changes = relationChanges(original, drafts);
    expect(changes).toEqual([
      { kind: 'retargeted', id: 'runs_on', from: 'cluster', to: 'node' },
      // Required, with all its links gone: its entities lack one.
      { kind: 'required', id: 'runs_on' },
      { kind: 'retyped', id: 'depends_on', from: 'many-to-many', to: 'one-to-one' },
      { kind: 'removed', id: 'owned_by' },
    ]);
    expect(changes.filter(removesLinks)).toHaveLength(3);
    const loosened = relationsToDrafts(original).map((d) => ({ ...d, type: 'many-to-many' as const }));
    expect(relationChanges(original, loosened)).toEqual([]);
  });

  it('names a relation that becomes required (turned on, or new on a saved blueprint), which removes no link', () => {
    const drafts = [
      ...relationsToDrafts(original).map((d) => ({ ...d, required: true })),
      { ...newRelationDraft([], 'team'), id: 'backup_on', required: true },
    ];
    const changes = relationChanges(original, drafts);
    expect(changes).toEqual([
      { kind: 'required', id: 'depends_on' },
      { kind: 'required', id: 'owned_by' },
      { kind: 'required', id: 'backup_on' },
    ]);
    expect(changes.some(removesLinks)).toBe(false);
    expect(describeRelationChange(changes[0])).toContain('next save');
    // A new blueprint has no entities: nothing to say.
    expect(relationChanges(undefined, drafts.slice(3))).toEqual([]);
  });

  it('checks ids: required, pattern, unique, not a property name', () => {
    const drafts = [...relationsToDrafts(original), newRelationDraft(relationsToDrafts(original), 'service')];
    const added = drafts[3];
    expect(added).toMatchObject({ id: 'relation_4', origin: null, type: 'many-to-one' });
    expect(relationIdError(added, drafts, [])).toBeUndefined();
    expect(relationIdError({ ...added, id: '' }, drafts, [])).toMatch(/required/);
    expect(relationIdError({ ...added, id: '9x' }, drafts, [])).toMatch(/letter/);
    expect(relationIdError({ ...added, id: 'runs_on' }, drafts, [])).toMatch(/Another relation/);
    expect(relationIdError(added, drafts, ['relation_4'])).toMatch(/property/);
  });
});
