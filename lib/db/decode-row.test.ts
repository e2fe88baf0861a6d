import { describe, expect, it } from 'vitest';
import { RowDecodeError, rowDecoder, rowDecoderFor } from './decode-row';

// The decoding rules (lib/db/README.md): pg's strings and Prisma's BigInt/Decimal become one
// number; timestamps become Date; a missing column or a value of the wrong type throws.

const decimal = (text: string) => ({ toNumber: () => Number(text), toString: () => text });

describe('rowDecoder', () => {
  const decode = rowDecoder({ n: 'int', ratio: 'number', at: 'date', title: 'text?', tags: 'text[]', doc: 'json', ok: 'bool' });
  const at = new Date('2026-01-02T03:04:05.678Z');

  it('turns every driver representation of a number into a number', () => {
    const base = { ratio: 1, at, title: null, tags: [], doc: null, ok: true };
    expect(decode({ ...base, n: 3 }).n).toBe(3);
    expect(decode({ ...base, n: '3' }).n).toBe(3); // int8 over pg
    expect(decode({ ...base, n: 3n }).n).toBe(3); // int8 through Prisma
    expect(decode({ ...base, n: 1, ratio: '12.5' }).ratio).toBe(12.5); // numeric over pg
    expect(decode({ ...base, n: 1, ratio: decimal('12.5') }).ratio).toBe(12.5); // numeric through Prisma
  });

  it('converts the declared columns in place, with dates as Date', () => {
    const row = decode({ n: '1', ratio: 2, at: at.toISOString(), title: 't', tags: ['a'], doc: { x: 1 }, ok: false, extra: 'kept' });
    expect(row).toEqual({ n: 1, ratio: 2, at, title: 't', tags: ['a'], doc: { x: 1 }, ok: false, extra: 'kept' });
  });

  it('throws on a missing column, a wrong type, a null where none is allowed, and an int past 2^53', () => {
    const good = { n: 1, ratio: 2, at, title: null, tags: [], doc: {}, ok: true };
    const withoutN: Record<string, unknown> = { ...good };
    delete withoutN.n;
    expect(() => decode(withoutN)).toThrow(/column "n" is missing/);
    expect(() => decode({ ...good, n: 1.5 })).toThrow(RowDecodeError);
    expect(() => decode({ ...good, n: '9007199254740993' })).toThrow(/expected int/);
    expect(() => decode({ ...good, ok: 'true' })).toThrow(/column "ok": expected bool/);
    expect(() => decode({ ...good, at: 'not a date' })).toThrow(/column "at": expected date/);
    expect(() => decode({ ...good, tags: [1] })).toThrow(/expected text\[\]/);
    expect(() => decode({ ...good, ratio: null })).toThrow(/column "ratio": expected number/);
  });

  it('rowDecoderFor checks a declared row type against the shape (at compile time) and decodes the same way', () => {
    type Row = { id: string; count: number; seen: Date | null };
    const decodeRow = rowDecoderFor<Row>()({ id: 'text', count: 'int', seen: 'date?' });
    expect(decodeRow({ id: 'a', count: '7', seen: null })).toEqual({ id: 'a', count: 7, seen: null });
  });
});
