import { describe, expect, it } from 'vitest';
import { fieldMap, fieldsOf } from './fields';
import {
  blankRule,
  draftProblems,
  fromDraft,
  mapNode,
  toDraft,
  withOperator,
  withProperty,
  type DraftGroup,
  type DraftRule,
} from './draft-tree';
import type { Group } from './rule-tree';
import { SERVICE_SCHEMA } from './test-schema';

const fields = fieldsOf(SERVICE_SCHEMA);
const byKey = fieldMap(fields);

describe('draft trees', () => {
  it('round-trips a rule tree through the builder copy', () => {
    const tree: Group = {
      combinator: 'or',
      rules: [
        { property: 'status', operator: '=', value: 'active' },
        { combinator: 'and', rules: [{ property: 'owner', operator: 'isEmpty' }] },
      ],
    };
    expect(fromDraft(toDraft(tree))).toEqual(tree);
  });

  it('resets operator and value when the property changes to another type', () => {
    const rule = withProperty(blankRule(), byKey.get('status'));
    expect(rule).toMatchObject({ property: 'status', operator: '=', value: 'active' });
    expect(withProperty(rule, byKey.get('owner'))).toMatchObject({ property: 'owner', operator: '=', value: '' });
    expect(withProperty(rule, byKey.get('tags'))).toMatchObject({ operator: 'contains', value: '' });
    expect(withProperty(rule, byKey.get('metadata'))).toMatchObject({ operator: 'exists', value: undefined });
    // `=` fits a date too (the search route accepts it): kept, with the date control's empty value.
    expect(withProperty(rule, byKey.get('deployed_at'))).toMatchObject({ operator: '=', value: '' });
    expect(withProperty(withProperty(rule, byKey.get('tags')), byKey.get('deployed_at'))).toMatchObject({ operator: '>=', value: '' });
  });

  it('keeps the value when the new operator takes the same control', () => {
    const rule: DraftRule = { id: 'r', property: 'replicas', operator: '>', value: 3 };
    expect(withOperator(rule, byKey.get('replicas')!, '<=').value).toBe(3);
    expect(withOperator(rule, byKey.get('replicas')!, 'between').value).toEqual([null, null]);
  });

  it('names what each incomplete rule lacks', () => {
    const draft: DraftGroup = {
      id: 'root',
      combinator: 'and',
      rules: [
        { id: 'a', property: '', operator: '' },
        { id: 'b', property: 'tags', operator: 'containsAny', value: [] },
        { id: 'c', property: 'replicas', operator: '>', value: '' },
        { id: 'd', property: 'owner', operator: 'isEmpty' },
        { id: 'g', combinator: 'or', rules: [{ id: 'e', property: 'status', operator: '>', value: 'x' }] },
      ],
    };
    expect(Object.fromEntries(draftProblems(draft, byKey))).toEqual({
      a: 'Pick a property',
      b: 'Add at least one value',
      c: 'Enter a valid value',
      e: 'Pick an operator',
    });
  });

  it('edits and removes nodes by id, at any depth', () => {
    const draft = toDraft({ combinator: 'and', rules: [{ combinator: 'or', rules: [{ property: 'owner', operator: 'isEmpty' }] }] });
    const inner = (draft.rules[0] as DraftGroup).rules[0];
    const removed = mapNode(draft, inner.id, () => null);
    expect(fromDraft(removed)).toEqual({ combinator: 'and', rules: [{ combinator: 'or', rules: [] }] });
    const flipped = mapNode(draft, draft.rules[0].id, (n) => ({ ...(n as DraftGroup), combinator: 'and' }));
    expect((flipped.rules[0] as DraftGroup).combinator).toBe('and');
  });
});
