import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { splitBlueprintParts } from './split-blueprint-parts';

describe('splitBlueprintParts', () => {
  it('takes the blueprints document and NDJSON blueprint lines out, entity items keep their order', () => {
    const parts = splitBlueprintParts([
      { kind: 'baseplate/blueprints', version: 1, blueprints: [{ id: 'a' }] },
      { kind: 'baseplate/entity', identifier: 'x' },
      { kind: 'blueprint', id: 'b', title: 'B' },
      { identifier: 'y' },
    ]);
    expect(parts.blueprints).toEqual([{ id: 'a' }, { id: 'b', title: 'B' }]);
    expect(parts.items).toEqual([{ kind: 'baseplate/entity', identifier: 'x' }, { identifier: 'y' }]);
  });

  it('refuses a blueprints document of another version', () => {
    expect(() => splitBlueprintParts([{ kind: 'baseplate/blueprints', version: 2, blueprints: [] }])).toThrow(AppError);
    expect(() => splitBlueprintParts([{ kind: 'baseplate/blueprints', version: 1 }])).toThrow(/list of blueprints/);
  });
});
