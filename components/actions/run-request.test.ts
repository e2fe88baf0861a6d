import { describe, expect, it } from 'vitest';
import { formPointer } from './run-request';

describe('run request errors', () => {
  it('places input errors at the form fields and leaves the rest to the message', () => {
    expect(formPointer('/inputs/env')).toBe('/data/env');
    expect(formPointer('/inputs')).toBe('/data');
    expect(formPointer('/inputsx')).toBeNull();
    expect(formPointer('/entity')).toBeNull();
  });
});
