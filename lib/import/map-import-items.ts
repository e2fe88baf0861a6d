import { isBlueprintId } from '@/lib/blueprints/schemas';
import { isIdentifier } from '@/lib/entities/schemas';
import { findValueFault } from '@/lib/http/check-json-value';
import type { MappedEntity } from '@/lib/ingest/mapped-entity';
import { type BlueprintDefinition } from './backstage/backstage-blueprints';
import { convertBackstageDocuments, isBackstageDocument, type ConvertBackstageOptions } from './backstage/convert-backstage-documents';
import { isPlainObject } from './set-own';

// A file's items (parse-import-file.ts) -> records for the sync engine. Two shapes are read:
//  - Backstage entities: when any item is one (apiVersion backstage.io/...), the whole file is a
//    Backstage catalog (convert-backstage-documents.ts; other items are skipped with a warning);
//  - otherwise Baseplate's own export items, {blueprint, identifier, title?, properties?,
//    relations?, owners?}; `data` is read as `properties` too, so entity views (a GET's answer) import as
//    they are, their read-only fields (id, created_at...) ignored.
// An item that cannot become a record is a failure with its index and path; the others go on.

export type ItemFailure = { index: number; identifier?: string; path?: string; message: string };
export type ImportConversion = {
  /** Blueprints the records need (Backstage only: create the missing ones first). */
  blueprints: BlueprintDefinition[];
  records: MappedEntity[];
  failed: ItemFailure[];
  warnings: string[];
  /** Items that are no entity and no failure (a Backstage Location, Template...): see warnings. */
  skipped: number;
};
export type MapImportOptions = {
  /** `?blueprint=`: the blueprint of items that name none; an item naming another fails. */
  blueprint?: string;
  backstage?: ConvertBackstageOptions;
};

function relationsFault(value: unknown): { path: string; message: string } | null {
  if (!isPlainObject(value)) return { path: '/relations', message: 'must be an object of relation id -> identifier(s)' };
  for (const [id, targets] of Object.entries(value)) {
    const ok = targets === null || typeof targets === 'string' || (Array.isArray(targets) && targets.every((t) => typeof t === 'string'));
    if (!ok) return { path: `/relations/${id}`, message: 'must be an identifier, a list of identifiers, or null' };
  }
  return null;
}

/** One export-shape item -> a record, or why not. */
export function mapExportItem(item: unknown, index: number, blueprint?: string): MappedEntity | ItemFailure {
  if (!isPlainObject(item)) return { index, message: 'the item is not an object' };
  const identifier = typeof item.identifier === 'string' ? item.identifier : undefined;
  const fail = (path: string, message: string): ItemFailure => ({ index, ...(identifier ? { identifier } : {}), path, message });
  const named = item.blueprint;
  if (named !== undefined && typeof named !== 'string') return fail('/blueprint', 'must be a blueprint id');
  if (blueprint && named !== undefined && named !== blueprint)
    return fail('/blueprint', `is "${named}", but this import is for "${blueprint}"`);
  const bp = named ?? blueprint;
  if (!bp) return fail('/blueprint', 'is missing (name it in the item, or import with ?blueprint=)');
  if (!isBlueprintId(bp)) return fail('/blueprint', `"${bp}" is not a blueprint id`);
  if (!identifier || !isIdentifier(identifier)) return fail('/identifier', 'must match ^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,254}$');
  if (item.title !== undefined && item.title !== null && typeof item.title !== 'string') return fail('/title', 'must be a string or null');
  if (item.properties !== undefined && item.data !== undefined) return fail('/data', 'give `properties` or `data`, not both');
  const properties = item.properties ?? item.data ?? {};
  if (!isPlainObject(properties)) return fail(item.properties !== undefined ? '/properties' : '/data', 'must be an object');
  if (item.relations !== undefined && item.relations !== null) {
    const fault = relationsFault(item.relations);
    if (fault) return fail(fault.path, fault.message);
  }
  if (item.owners !== undefined && !(Array.isArray(item.owners) && item.owners.every((o) => typeof o === 'string')))
    return fail('/owners', "must be a list of the team's group identifiers");
  const record: MappedEntity = { index, blueprint: bp, identifier, properties };
  if (Array.isArray(item.owners)) record.owners = item.owners as string[];
  if (item.title !== undefined) record.title = item.title as string | null;
  if (isPlainObject(item.relations)) record.relations = item.relations as MappedEntity['relations'];
  return record;
}

/** The records of a file's items, its failures per item, and (Backstage) the blueprints they need. */
export function mapImportItems(items: unknown[], options: MapImportOptions = {}): ImportConversion {
  let out: ImportConversion;
  if (items.some(isBackstageDocument)) {
    const converted = convertBackstageDocuments(items, options.backstage);
    out = { ...converted, failed: [], skipped: 0 };
  } else {
    out = { blueprints: [], records: [], failed: [], warnings: [], skipped: 0 };
    items.forEach((item, index) => {
      const mapped = mapExportItem(item, index, options.blueprint);
      if ('message' in mapped) out.failed.push(mapped);
      else out.records.push(mapped);
    });
  }
  // What PostgreSQL cannot store (NUL, a lone surrogate, a number past double range) fails the
  // one record here, as the bulk route does, instead of the whole write later.
  const kept: MappedEntity[] = [];
  for (const record of out.records) {
    const fault = findValueFault({ title: record.title, properties: record.properties, relations: record.relations });
    if (fault) out.failed.push({ index: record.index, identifier: record.identifier, path: fault.path, message: fault.message });
    else kept.push(record);
  }
  out.records = kept;
  out.failed.sort((a, b) => a.index - b.index);
  out.skipped = items.length - new Set([...out.records, ...out.failed].map((r) => r.index)).size;
  return out;
}
