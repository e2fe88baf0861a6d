import { can, requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { insertBlueprint, updateBlueprintIn } from '@/lib/blueprints/blueprint-service';
import type { CreateBlueprintInput } from '@/lib/blueprints/schemas';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { orderBlueprintCreates, planBlueprintImport, BLUEPRINTS_KIND, BLUEPRINTS_VERSION } from '@/lib/export/blueprints-document';
import type { Prisma } from '@/lib/generated/prisma/client';
import { applyEntityRecords } from '@/lib/ingest/apply-entity-records';
import type { ApplyResult } from '@/lib/ingest/mapped-entity';
import { loadRelationDefs } from '@/lib/relations/relation-definitions.sql';
import type { BackstageKind } from './backstage/backstage-blueprints';
import { MAX_WARNINGS } from './backstage/convert-backstage-documents';
import { mapImportItems, type ImportConversion } from './map-import-items';
import { importFormatOf, parseImportFile } from './parse-import-file';
import { splitBlueprintParts } from './split-blueprint-parts';

// POST /api/v1/teams/{team}/import: a file (JSON, NDJSON, YAML, CSV; a Backstage catalog-info.yaml
// is recognised by its apiVersion) applied to the catalog as the person or key that sent it, in
// ONE transaction:
//  1. the blueprints the file needs and the team lacks are created first (a Backstage catalog's
//     seven, or the blueprints part of an export with ?include=blueprints), which takes
//     blueprint:write; blueprints the team has are used as they are, never changed;
//  2. then the entities, through the sync engine (lib/ingest): unchanged ones write nothing,
//     links between entities of the file resolve (write-in-rounds.ts), a bad item fails alone.
// `dry_run`: the same, rolled back; the answer says what would be created, and how.
// An import is a delta: it never deletes (a full sync belongs to an integration, which knows what
// it wrote earlier).

export type ImportRequest = {
  text: string;
  contentType: string | null;
  /** `?blueprint=`: a CSV's blueprint, or the one of items naming none. */
  blueprint?: string;
  /** `?kinds=component:service,...`: Backstage kinds onto existing blueprints. */
  kinds?: Partial<Record<BackstageKind, string>>;
  dryRun: boolean;
};

export type ImportAnswer = ApplyResult & {
  skipped: number;
  /** Blueprints created by this import (with dry_run: that it would create), in creation order. */
  blueprints_created: string[];
  warnings: string[];
};

/** The CSV reader's view of the blueprint: its schema types the cells, its relations the link columns. */
async function csvOptionsFor(db: Db, ctx: TeamContext, blueprint: string) {
  const row = await db.blueprint.findUnique({ where: { teamId_id: { teamId: ctx.team.id, id: blueprint } }, select: { schema: true } });
  if (!row) throw new AppError('not_found', `the team has no blueprint "${blueprint}"`);
  const defs = await loadRelationDefs(db, ctx.team.id, [blueprint]);
  return {
    blueprint,
    schema: row.schema as Record<string, unknown>,
    relations: Object.fromEntries(defs.map((d) => [d.id, { type: d.type }])),
  };
}

/** The blueprints among `wanted` the team lacks, in an order their relations can be created in. */
async function blueprintsToCreate(db: Db, ctx: TeamContext, wanted: CreateBlueprintInput[]) {
  if (wanted.length === 0) return { create: [], relate: [] };
  const have = new Set(
    (await db.blueprint.findMany({ where: { teamId: ctx.team.id, id: { in: wanted.map((b) => b.id) } }, select: { id: true } })).map(
      (b) => b.id,
    ),
  );
  return orderBlueprintCreates(wanted.filter((b) => !have.has(b.id)));
}

/**
 * A Backstage record states every relation of its kind (null or [] when unset). A kind read into
 * a blueprint the team already has (`?kinds=`, or a blueprint of the same name) may lack some of
 * them: the empty ones are left out, the others too, with a warning, instead of failing the entity.
 */
async function fitToExistingBlueprints(db: Db, ctx: TeamContext, conversion: ImportConversion, created: Set<string>) {
  const existing = [...new Set(conversion.records.map((r) => r.blueprint))].filter((b) => !created.has(b));
  const defs = await loadRelationDefs(db, ctx.team.id, existing);
  const known = new Set(defs.map((d) => `${d.source}\u0000${d.id}`));
  for (const record of conversion.records) {
    if (created.has(record.blueprint) || !record.relations) continue;
    for (const [relation, value] of Object.entries(record.relations)) {
      if (known.has(`${record.blueprint}\u0000${relation}`)) continue;
      delete record.relations[relation];
      const empty = value === null || (Array.isArray(value) && value.length === 0);
      if (!empty && conversion.warnings.length < MAX_WARNINGS)
        conversion.warnings.push(
          `item ${record.index} (${record.blueprint} "${record.identifier}"): blueprint "${record.blueprint}" has no relation "${relation}"; its links were left out`,
        );
    }
  }
}

export async function importCatalog(db: Db, ctx: TeamContext, request: ImportRequest): Promise<ImportAnswer> {
  requirePermission(ctx, 'entity:write');
  const csv =
    importFormatOf(request.contentType) === 'csv' && request.blueprint ? await csvOptionsFor(db, ctx, request.blueprint) : undefined;
  const parts = splitBlueprintParts(parseImportFile(request.text, request.contentType, { csv }));
  const declared = parts.blueprints.length
    ? planBlueprintImport({ kind: BLUEPRINTS_KIND, version: BLUEPRINTS_VERSION, blueprints: parts.blueprints })
    : null;
  const conversion = mapImportItems(parts.items, { blueprint: request.blueprint, backstage: { blueprintIds: request.kinds } });
  const plan = await blueprintsToCreate(db, ctx, [...(declared?.create ?? []), ...conversion.blueprints]);
  if (conversion.blueprints.length) await fitToExistingBlueprints(db, ctx, conversion, new Set(plan.create.map((b) => b.id)));
  if (plan.create.length && !can(ctx, 'blueprint:write')) {
    throw new AppError(
      'forbidden',
      `this file needs blueprints the team does not have (${plan.create.map((b) => b.id).join(', ')}): creating them needs the blueprint:write permission`,
      { reason: 'blueprints_needed', blueprints: plan.create.map((b) => b.id) },
    );
  }
  // The relations an export's blueprints part left out of their create bodies (cycles) come back
  // here too: `declared.relate` names blueprints of the file; only those created now are set.
  const created = new Set(plan.create.map((b) => b.id));
  const relate = [...plan.relate, ...(declared?.relate ?? []).filter((r) => created.has(r.id))];
  const prepare = plan.create.length
    ? async (tx: Prisma.TransactionClient) => {
        for (const body of plan.create) await insertBlueprint(tx, ctx, body);
        for (const r of relate) await updateBlueprintIn(tx, ctx, r.id, { replace: false, input: { relations: r.relations } }, null);
      }
    : undefined;
  const applied = await applyEntityRecords(
    db,
    ctx,
    null,
    conversion.records,
    { mode: 'delta', dryRun: request.dryRun, force: false },
    prepare,
  );
  return {
    ...applied,
    failed: [...conversion.failed, ...applied.failed].sort((a, b) => a.index - b.index),
    skipped: conversion.skipped,
    blueprints_created: plan.create.map((b) => b.id),
    warnings: conversion.warnings,
  };
}
