import { describe, expect, it } from 'vitest';
import { databaseErrorToAppError } from './database-error';

// A failed raw query through Prisma 7 is a P2010 whose SQLSTATE sits in the driver adapter's error
// (the shape below was read off a real 40P01 raised through $queryRaw). It used to be read as
// the state "P2010", mapped to nothing, and answered as a bare 500.

const rawQueryError = (state: string) =>
  Object.assign(new Error(''), {
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: state, originalMessage: 'x', kind: 'x' } } },
  });

describe('databaseErrorToAppError for raw queries through Prisma', () => {
  it('a deadlock or serialization failure is a 503 write_conflict', () => {
    for (const state of ['40P01', '40001']) {
      const mapped = databaseErrorToAppError(rawQueryError(state));
      expect(mapped?.code).toBe('service_unavailable');
      expect(mapped?.details).toEqual({ reason: 'write_conflict' });
    }
  });

  it('a unique violation is a 409 and a bad value a 400', () => {
    expect(databaseErrorToAppError(rawQueryError('23505'))?.code).toBe('conflict');
    expect(databaseErrorToAppError(rawQueryError('22P02'))?.code).toBe('bad_request');
  });

  it('pg errors still map by their own code', () => {
    expect(databaseErrorToAppError(Object.assign(new Error('deadlock detected'), { code: '40P01' }))?.code).toBe('service_unavailable');
  });
});
