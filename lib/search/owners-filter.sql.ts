import { Prisma } from '@/lib/generated/prisma/client';
import type { TypedRule } from './search-types';

// `$owners` rules as SQL over entities.owners. containsAny (`&&`) and containsAll (`@>`) repeat
// the predicate of the partial GIN index idx_entities_owners (migration 0030), `owners <> '{}'`,
// so the planner may use it (checked with EXPLAIN in lib/groups/owners-search.int.test.ts); an
// empty list of groups (a person in no group asking for "my groups") matches nothing.

export function ownersFilterSql(rule: Extract<TypedRule, { op: 'owners' }>): Prisma.Sql {
  if (rule.mode === 'empty') return Prisma.sql`e.owners = '{}'`;
  if (rule.values.length === 0) return rule.mode === 'any' ? Prisma.sql`FALSE` : Prisma.sql`TRUE`;
  const op = Prisma.raw(rule.mode === 'any' ? '&&' : '@>');
  return Prisma.sql`(e.owners <> '{}' AND e.owners ${op} ${rule.values}::text[])`;
}
