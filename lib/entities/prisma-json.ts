import type { Prisma } from '@/lib/generated/prisma/client';

// Prisma's client copies a Json argument member by member (`copy[name] = value`), so a member
// named `__proto__` (an ordinary member in JSON, and an own property after JSON.parse) sets the
// copy's prototype instead and vanishes from the row without a word, while the raw-SQL writes
// (bulk, upsert: JSON.stringify) keep it. Handing Prisma the value as its JSON protocol's tagged
// Json text (`{"$type": "Json", "value": "<JSON text>"}`, reached through toJSON, which the client
// honours before copying) stores exactly what JSON.stringify writes. entity-schema-safety.int.test.ts
// proves it against the real client, so a Prisma upgrade that changes this fails there.

type Tagged = { toJSON: () => { $type: 'Json'; value: string } };

export function prismaJson(value: unknown): Prisma.InputJsonObject {
  // JSON.stringify drops undefined members and turns a bigint into an error, as Prisma would.
  const tagged: Tagged = { toJSON: () => ({ $type: 'Json', value: JSON.stringify(value) }) };
  return tagged as unknown as Prisma.InputJsonObject;
}
