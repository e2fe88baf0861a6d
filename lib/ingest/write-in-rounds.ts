import type { TeamContext } from '@/lib/authz/team-context';
import { upsertEntityItems, type BulkResult } from '@/lib/entities/bulk-upsert-entities';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { RelationDef } from '@/lib/relations/relation-types';
import type { MappedEntity } from './mapped-entity';

// Writing records whose links point at OTHER records of the same call (an export imported into an
// empty team, a Backstage catalog: a component's system is in the same file). A link is resolved
// when its source is written (lib/relations/resolve-links.ts), so a record is written only once
// every new entity it links to has been: round 1 writes the records whose targets all exist
// already, round 2 those that linked to round 1's, and so on; each round is one bulk write per
// blueprint through upsertEntityItems, the path of the bulk API. A target that failed is simply
// missing when its sources are written, which fails them with "no ... entity to link to".
// What no round can write (links in a cycle, a new entity that links to itself, chains deeper
// than MAX_ROUNDS) is written in two steps: first without its links to entities not yet written,
// then again with all of them (an update: such an entity gets two versions).

export const MAX_ROUNDS = 20;

type Written = Map<MappedEntity, BulkResult>;

const keyOf = (blueprint: string, identifier: string) => `${blueprint}\u0000${identifier}`;
const targetsOf = (value: string | string[] | null) => (value === null ? [] : Array.isArray(value) ? value : [value]);

async function writeRound(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  integrationId: string | null,
  records: MappedEntity[],
  out: Written,
): Promise<void> {
  const byBlueprint = new Map<string, MappedEntity[]>();
  for (const r of records) byBlueprint.set(r.blueprint, [...(byBlueprint.get(r.blueprint) ?? []), r]);
  for (const [blueprint, list] of byBlueprint) {
    const items = list.map((r) => ({
      identifier: r.identifier,
      title: r.title ?? null,
      data: r.properties,
      ...(r.owners !== undefined && { owners: r.owners }),
      ...(r.relations !== undefined && { relations: Object.fromEntries(Object.entries(r.relations).filter(([, v]) => v !== null)) }),
    }));
    const results = await upsertEntityItems(tx, ctx, blueprint, items, { integrationId });
    results.forEach((result, i) => out.set(list[i], result));
  }
}

/**
 * Writes `records` (one per entity) so that links between them resolve. `isNew(key)`: the entity
 * does not exist yet (only those can be missing when a link to them is resolved). Returns each
 * record's result; a record written in two steps that was created counts as created.
 */
export async function writeInRounds(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  integrationId: string | null,
  records: MappedEntity[],
  defs: RelationDef[],
  isNew: (key: string) => boolean,
): Promise<Written> {
  const targetBlueprint = new Map(defs.map((d) => [`${d.source}\u0000${d.id}`, d.target]));
  const pending = new Map(records.map((r) => [keyOf(r.blueprint, r.identifier), r]));
  /** The keys of the new entities a record links to (an unknown relation fails at the write). */
  const linkedNew = (r: MappedEntity): string[] =>
    Object.entries(r.relations ?? {}).flatMap(([relation, value]) => {
      const target = targetBlueprint.get(`${r.blueprint}\u0000${relation}`);
      return target
        ? targetsOf(value)
            .map((t) => keyOf(target, t))
            .filter(isNew)
        : [];
    });
  const waitsFor = new Map(records.map((r) => [r, linkedNew(r)]));
  const out: Written = new Map();

  for (let round = 0; round < MAX_ROUNDS && pending.size; round++) {
    const ready = [...pending.values()].filter((r) => waitsFor.get(r)!.every((k) => !pending.has(k)));
    if (ready.length === 0) break;
    await writeRound(tx, ctx, integrationId, ready, out);
    for (const r of ready) pending.delete(keyOf(r.blueprint, r.identifier));
  }
  if (pending.size === 0) return out;

  // The rest: first without the links to entities not written yet, then with everything.
  const rest = [...pending.values()];
  const stripped = rest.map((r) => {
    if (!r.relations) return r;
    const relations = Object.fromEntries(
      Object.entries(r.relations).map(([relation, value]) => {
        const target = targetBlueprint.get(`${r.blueprint}\u0000${relation}`);
        if (!target || value === null) return [relation, value];
        const kept = targetsOf(value).filter((t) => !pending.has(keyOf(target, t)));
        return [relation, Array.isArray(value) ? kept : (kept[0] ?? null)];
      }),
    );
    return { ...r, relations };
  });
  const first: Written = new Map();
  await writeRound(tx, ctx, integrationId, stripped, first);
  const second: MappedEntity[] = [];
  rest.forEach((r, i) => {
    const result = first.get(stripped[i])!;
    out.set(r, result);
    if (result.status !== 'error' && stripped[i] !== r) second.push(r);
  });
  const again: Written = new Map();
  await writeRound(tx, ctx, integrationId, second, again);
  for (const r of second) {
    const result = again.get(r)!;
    const created = out.get(r)!.status === 'created';
    out.set(r, result.status === 'error' ? result : { ...result, status: created ? 'created' : result.status });
  }
  return out;
}
