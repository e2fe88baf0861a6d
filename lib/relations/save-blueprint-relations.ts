import type { TeamContext } from '@/lib/authz/team-context';
import { execSql, runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import {
  countLinksSql,
  countRow,
  countUnlinkedSql,
  countViolatingSql,
  deleteLinksSql,
  deleteViolatingSql,
  UNLINKED_COUNT_CAP,
} from './link-impact.sql';
import {
  blueprintIdRow,
  deleteDefinitionsSql,
  loadRelationDefsTx,
  lockTargetBlueprintsSql,
  parkDefinitionsSql,
  renameDefinitionSql,
  upsertDefinitionSql,
} from './relation-definitions.sql';
import { type RelationDef, type RelationSpec, type RelationType } from './relation-types';

// A blueprint's relation definitions, saved with the blueprint in its transaction (the blueprint
// row is held FOR UPDATE by then, and entity writers of the blueprint hold it FOR SHARE, so no
// link is written against a definition that is changing). Like a schema change, a change that
// would cost existing links answers first: 409 with what would go, unless `force`, which removes
// them (the blueprint's audit row records it).
//
// What costs links: removing a relation or changing its target removes all its links; tightening
// its type (to one-to-one, one-to-many or many-to-one) removes the links that break the new
// cardinality, keeping each source's (or target's) earliest. Renaming one (the new id's spec says
// `renamed_from: "<old id>"`) keeps its links: they reference the definition's uuid, not its id.
// Changing the title costs nothing.
//
// Making a relation required (a new required one, `required` turned on, or a required one
// retargeted) while some entities have no link of it is a 409 too, with their count; forced,
// those entities stay as they are and must get the link on their next write (as with a forced
// schema change).

type Detail = { path: string; message: string };
export type LinkImpact = { relation: string; change: 'removed' | 'retargeted' | 'retyped'; links: number };
/** `entities`: how many have no link of a relation that becomes required (capped: `entities_is_lower_bound`). */
export type UnlinkedImpact = { relation: string; change: 'required'; entities: number; entities_is_lower_bound: boolean };
export type Rename = { from: string; to: string };
export type SavedRelations = {
  before: RelationDef[];
  after: RelationDef[];
  removed: LinkImpact[];
  renamed: Rename[];
  unlinked: UnlinkedImpact[];
};

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function schemaPropertyNames(schema: unknown): Set<string> {
  const props = (schema as { properties?: unknown } | null)?.properties;
  return new Set(typeof props === 'object' && props !== null ? Object.keys(props) : []);
}

/** 422 when a relation id is also a top-level property of the schema (a search path would be ambiguous). */
export function checkRelationIdsAgainstSchema(ids: string[], schema: unknown): void {
  const names = schemaPropertyNames(schema);
  const clashes: Detail[] = ids
    .filter((id) => names.has(id))
    .map((id) => ({
      path: `/relations/${escapeToken(id)}`,
      message: `"${id}" is also a property of the schema: a relation id must differ from every property name`,
    }));
  if (clashes.length) throw new AppError('validation_failed', 'a relation id clashes with a schema property', clashes);
}

async function checkTargets(tx: Prisma.TransactionClient, teamId: string, specs: Record<string, RelationSpec>): Promise<void> {
  const targets = [...new Set(Object.values(specs).map((s) => s.target))];
  if (targets.length === 0) return;
  const rows = await runSql(tx, lockTargetBlueprintsSql(teamId, targets), blueprintIdRow);
  const found = new Set(rows.map((r) => r.id));
  const missing: Detail[] = Object.entries(specs)
    .filter(([, s]) => !found.has(s.target))
    .map(([id, s]) => ({ path: `/relations/${escapeToken(id)}/target`, message: `the team has no blueprint "${s.target}"` }));
  if (missing.length) throw new AppError('validation_failed', 'a relation targets a blueprint that does not exist', missing);
}

/** The renames the specs ask for, checked against the current definitions (422 under `/relations/<id>/renamed_from`). */
export function planRenames(before: RelationDef[], specs: Record<string, RelationSpec>): Rename[] {
  const existing = new Set(before.map((d) => d.id));
  const claimed = new Map<string, string>();
  const faults: Detail[] = [];
  for (const [to, spec] of Object.entries(specs)) {
    const from = spec.renamed_from;
    if (from === undefined || from === to) continue;
    const path = `/relations/${escapeToken(to)}/renamed_from`;
    if (!existing.has(from)) faults.push({ path, message: `the blueprint has no relation "${from}" to rename` });
    else if (specs[from] && (specs[from].renamed_from ?? from) === from)
      faults.push({ path, message: `"${from}" is still defined: remove it from the body to rename it` });
    else if (claimed.has(from)) faults.push({ path, message: `"${from}" is already renamed to "${claimed.get(from)}"` });
    else claimed.set(from, to);
  }
  if (faults.length) throw new AppError('validation_failed', 'a relation cannot be renamed as asked', faults);
  return [...claimed].map(([from, to]) => ({ from, to }));
}

const count = async (tx: Prisma.TransactionClient, sql: Prisma.Sql) => (await runSql(tx, sql, countRow))[0].n;

/** Saves `specs` as the blueprint's relations (undefined: keep them, only recheck the ids against the schema). */
export async function saveBlueprintRelations(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
  schema: unknown,
  specs: Record<string, RelationSpec> | undefined,
  options: { force?: boolean } = {},
): Promise<SavedRelations> {
  const teamId = ctx.team.id;
  const before = await loadRelationDefsTx(tx, teamId, blueprintId);
  if (specs === undefined) {
    checkRelationIdsAgainstSchema(
      before.map((d) => d.id),
      schema,
    );
    return { before, after: before, removed: [], renamed: [], unlinked: [] };
  }
  checkRelationIdsAgainstSchema(Object.keys(specs), schema);
  const renamed = planRenames(before, specs);
  await checkTargets(tx, teamId, specs);
  const newIdOf = new Map(renamed.map((r) => [r.from, r.to]));
  const specOf = (def: RelationDef) => specs[newIdOf.get(def.id) ?? def.id];

  const impacts: Array<LinkImpact & { def: RelationDef; type?: RelationType }> = [];
  for (const def of before) {
    const spec = specOf(def);
    const nextType = spec?.type ?? 'many-to-many';
    if (!spec) impacts.push({ relation: def.id, change: 'removed', links: await count(tx, countLinksSql(teamId, def.uuid)), def });
    else if (spec.target !== def.target)
      impacts.push({ relation: def.id, change: 'retargeted', links: await count(tx, countLinksSql(teamId, def.uuid)), def });
    else if (nextType !== def.type)
      impacts.push({
        relation: def.id,
        change: 'retyped',
        links: await count(tx, countViolatingSql(teamId, def.uuid, nextType)),
        def,
        type: nextType,
      });
  }
  const costly = impacts.filter((i) => i.links > 0);
  const unlinked: UnlinkedImpact[] = [];
  for (const [id, spec] of Object.entries(specs)) {
    if (!spec.required) continue;
    const def = before.find((d) => specOf(d) === spec);
    if (def?.required && def.target === spec.target) continue;
    const n = await count(tx, countUnlinkedSql(teamId, blueprintId, def && def.target === spec.target ? def.uuid : null));
    if (n > 0)
      unlinked.push({
        relation: id,
        change: 'required',
        entities: Math.min(n, UNLINKED_COUNT_CAP),
        entities_is_lower_bound: n > UNLINKED_COUNT_CAP,
      });
  }
  if ((costly.length || unlinked.length) && !options.force) {
    const total = costly.reduce((n, i) => n + i.links, 0);
    const what = [
      total && `${total} existing entity links would be removed`,
      unlinked.length && 'some existing entities lack a link that would be required',
    ]
      .filter(Boolean)
      .join(', and ');
    throw new AppError('conflict', `${what} by this relation change; send ?force=true to apply it`, {
      reason: 'relation_impact',
      relations: [...costly.map(({ relation, change, links }) => ({ relation, change, links })), ...unlinked],
    });
  }
  for (const impact of impacts) {
    if (impact.change === 'retyped' && impact.type) await execSql(tx, deleteViolatingSql(teamId, impact.def.uuid, impact.type));
    else if (impact.change === 'retargeted') await execSql(tx, deleteLinksSql(teamId, impact.def.uuid));
  }
  const gone = before.filter((d) => !specOf(d)).map((d) => d.uuid);
  if (gone.length) {
    // The links go with their definition (ON DELETE CASCADE).
    await execSql(tx, deleteDefinitionsSql(teamId, gone));
  }
  if (renamed.length) {
    // Through a temporary id first, so a swap (a -> b, b -> a) never meets the unique key halfway.
    const uuids = renamed.map((r) => before.find((d) => d.id === r.from)!.uuid);
    await execSql(tx, parkDefinitionsSql(teamId, uuids));
    for (const [i, r] of renamed.entries()) await execSql(tx, renameDefinitionSql(teamId, uuids[i], r.to));
  }
  for (const [id, spec] of Object.entries(specs)) {
    const title = spec.title ?? null;
    const type = spec.type ?? 'many-to-many';
    const required = spec.required ?? false;
    await execSql(tx, upsertDefinitionSql(teamId, blueprintId, { id, target: spec.target, title, type, required }));
  }
  const after = await loadRelationDefsTx(tx, teamId, blueprintId);
  return { before, after, removed: costly.map(({ relation, change, links }) => ({ relation, change, links })), renamed, unlinked };
}
