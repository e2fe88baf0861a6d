import { describe, expect, it } from 'vitest';
import { isRetryableConflict, retryOnConflict } from './retry-transaction';
import { sqlStateOf } from './sql-state';

const pgDeadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
// The shape Prisma 7 gives a failed $queryRaw (seen in bulk-upsert-race.int.test.ts before the fix).
const prismaDeadlock = Object.assign(
  new Error('Invalid `prisma.$queryRaw()` invocation:\n\nRaw query failed. Code: `40P01`. Message: `deadlock detected`'),
  { code: 'P2010' },
);
// The same without the text: the state only in the driver adapter's error (Prisma 7, P2010).
const prismaAdapterDeadlock = Object.assign(new Error(''), {
  code: 'P2010',
  meta: {
    driverAdapterError: {
      name: 'DriverAdapterError',
      cause: { originalCode: '40P01', originalMessage: 'boom', kind: 'TransactionWriteConflict' },
    },
  },
});
const prismaSerialization = Object.assign(new Error('Transaction failed'), { code: 'P2034', meta: { code: '40001' } });

describe('retryOnConflict', () => {
  it('reads the SQLSTATE from pg and from Prisma errors', () => {
    expect(sqlStateOf(pgDeadlock)).toBe('40P01');
    expect(sqlStateOf(prismaDeadlock)).toBe('40P01');
    expect(sqlStateOf(prismaAdapterDeadlock)).toBe('40P01');
    expect(sqlStateOf(Object.assign(new Error('raise'), { code: 'P0001' }))).toBe('P0001');
    expect(sqlStateOf(prismaSerialization)).toBe('40001');
    expect(isRetryableConflict(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isRetryableConflict(new Error('plain'))).toBe(false);
  });

  it('runs a transaction again after a deadlock or serialization failure, and returns its answer', async () => {
    const failures = [pgDeadlock, prismaSerialization, prismaDeadlock];
    let calls = 0;
    const answer = await retryOnConflict(
      async () => {
        calls++;
        const next = failures.shift();
        if (next) throw next;
        return 'done';
      },
      { baseDelayMs: 1 },
    );
    expect(answer).toBe('done');
    expect(calls).toBe(4);
  });

  it('gives up after `attempts` runs, and never retries any other failure', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(
        async () => {
          calls++;
          throw pgDeadlock;
        },
        { attempts: 3, baseDelayMs: 1 },
      ),
    ).rejects.toBe(pgDeadlock);
    expect(calls).toBe(3);
    calls = 0;
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(
      retryOnConflict(
        async () => {
          calls++;
          throw unique;
        },
        { baseDelayMs: 1 },
      ),
    ).rejects.toBe(unique);
    expect(calls).toBe(1);
  });
});
