// The SQLSTATE of a database failure, however it reached us. pg puts it in `code`. Prisma 7 wraps
// it: a model-API failure may carry it in `cause`, and a raw query's failure is a P2010 whose
// state sits in meta.driverAdapterError.cause.originalCode (seen for 40P01 in
// lib/entities/bulk-upsert-race.int.test.ts); its message also says "Code: `40P01`".

const SQLSTATE = /^[0-9A-Z]{5}$/;
// Prisma's own codes (P1xxx-P6xxx) look like SQLSTATEs; PL/pgSQL's P0001-P0004 are real ones.
const PRISMA_CODE = /^P[1-9]\d{3}$/;

type Wrapped = {
  code?: unknown;
  cause?: { code?: unknown; originalCode?: unknown };
  meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } };
  message?: unknown;
};

export function sqlStateOf(error: unknown): string | undefined {
  const e = error as Wrapped | null;
  const candidates = [
    e?.code,
    e?.cause?.originalCode,
    e?.cause?.code,
    e?.meta?.code,
    e?.meta?.driverAdapterError?.cause?.originalCode,
    e?.meta?.driverAdapterError?.cause?.code,
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && SQLSTATE.test(candidate) && !PRISMA_CODE.test(candidate)) return candidate;
  }
  return /Code: `([0-9A-Z]{5})`/.exec(String(e?.message))?.[1];
}
