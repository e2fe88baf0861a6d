import { runSql } from '@/lib/db/run-sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { relationPath, type Fault, type WantedLinks } from './check-link-shape';
import { existingTargetLinksSql, lockedRow, lockTargetsSql, resolvedTargetRow, resolveTargetsSql, targetLinkRow } from './links.sql';
import { singleSource } from './relation-types';

// The database half of an entity's links, inside the write transaction: targets resolved to
// entity ids in the same team and the relation's target blueprint (another team's identifier is
// simply not found: a 422, never a link), and the target side of one-to-one / one-to-many
// relations checked under a lock.
//
// Why an advisory lock per (team, relation, target): the rule "a target has at most one source"
// spans rows that do not exist yet, so row locks on links cannot guard it, and a unique index
// cannot either (whether it applies depends on the definition's type, in another table, and a
// definition's type can change). Locking the target entity's row FOR UPDATE would work but would
// also block every unrelated edit of that entity and every link to it through other relations.
// The advisory lock is exactly as wide as the rule: two writers linking the same target through
// the same relation queue up, and the second one, in a fresh READ COMMITTED snapshot after the
// first commits, sees its link and is refused. Locks are taken in key order (no deadlock between
// writers of several targets) and released at commit. Targets are read FOR KEY SHARE so none is
// deleted between the check and the insert.

export type LinkItem = { sourceId: string | null; wanted: WantedLinks };
export type ResolvedLink = { relationUuid: string; targetId: string };
export type ResolvedItem = { faults: Fault[]; links: ResolvedLink[] };

const key = (blueprint: string, identifier: string) => `${blueprint}\u0000${identifier}`;

export async function resolveLinks(tx: Prisma.TransactionClient, teamId: string, items: LinkItem[]): Promise<ResolvedItem[]> {
  const pairs = new Map<string, { blueprint: string; identifier: string }>();
  for (const item of items)
    for (const [def, targets] of item.wanted)
      for (const t of targets) pairs.set(key(def.target, t), { blueprint: def.target, identifier: t });
  if (pairs.size === 0) return items.map(() => ({ faults: [], links: [] }));
  const found = await runSql(tx, resolveTargetsSql(teamId, [...pairs.values()]), resolvedTargetRow);
  const idOf = new Map(found.map((r) => [key(r.blueprint_id, r.identifier), r.id]));

  const results: ResolvedItem[] = items.map((item) => {
    const faults: Fault[] = [];
    const links: ResolvedLink[] = [];
    for (const [def, targets] of item.wanted) {
      for (const t of targets) {
        const id = idOf.get(key(def.target, t));
        if (id) links.push({ relationUuid: def.uuid, targetId: id });
        else faults.push({ path: relationPath(def.id), message: `no "${def.target}" entity "${t}" to link to` });
      }
    }
    return { faults, links };
  });

  // The target side of one-to-one and one-to-many: lock, then look at the committed links.
  const guarded = new Map<string, { relationUuid: string; targetId: string }>();
  const single = new Set(items.flatMap((i) => [...i.wanted.keys()].filter((d) => singleSource(d.type)).map((d) => d.uuid)));
  for (const r of results) for (const l of r.links) if (single.has(l.relationUuid)) guarded.set(`${l.relationUuid}:${l.targetId}`, l);
  if (guarded.size === 0) return results;
  const list = [...guarded.values()];
  await runSql(tx, lockTargetsSql(teamId, list), lockedRow);
  const existing = await runSql(tx, existingTargetLinksSql(teamId, list), targetLinkRow);
  const holders = new Map<string, Array<{ id: string; identifier: string }>>();
  for (const e of existing) {
    const k = `${e.relation_id}:${e.target_entity_id}`;
    holders.set(k, [...(holders.get(k) ?? []), { id: e.source_entity_id, identifier: e.source_identifier }]);
  }
  const claimed = new Map<string, number>();
  results.forEach((r, index) => {
    const item = items[index];
    const defs = new Map([...item.wanted.keys()].map((d) => [d.uuid, d]));
    const kept: ResolvedLink[] = [];
    for (const l of r.links) {
      const k = `${l.relationUuid}:${l.targetId}`;
      const def = defs.get(l.relationUuid);
      if (!def || !singleSource(def.type)) {
        kept.push(l);
        continue;
      }
      const other = (holders.get(k) ?? []).find((h) => h.id !== item.sourceId);
      if (other) {
        r.faults.push({
          path: relationPath(def.id),
          message: `the target is already linked by "${other.identifier}": a ${def.type} relation allows one source per target`,
        });
        continue;
      }
      if (claimed.has(k) && claimed.get(k) !== index) {
        r.faults.push({
          path: relationPath(def.id),
          message: `the target is already claimed by item ${claimed.get(k)} of this batch: a ${def.type} relation allows one source per target`,
        });
        continue;
      }
      claimed.set(k, index);
      kept.push(l);
    }
    r.links = kept;
  });
  return results;
}
