import { bodySchema } from '@/lib/http/request-body';
import { relationsBodySchema } from '@/lib/relations/relation-body';
import type { RelationSpec } from '@/lib/relations/relation-types';

// Request bodies of the blueprint routes (API.md "Blueprints"). `schema` is only checked to be an
// object here; whether it is a valid draft 2020-12 object schema is the service's job
// (check-blueprint-schema.ts), so its 422 paths can point inside it. `relations` is checked for
// shape here (lib/relations/relation-body.ts); targets and id clashes in the service.

export const BLUEPRINT_ID = '^[a-z][a-z0-9_-]{0,49}$';
const BLUEPRINT_ID_RE = new RegExp(BLUEPRINT_ID);

export function isBlueprintId(value: string): boolean {
  return BLUEPRINT_ID_RE.test(value);
}

export type JsonObject = Record<string, unknown>;

export type RelationSpecs = Record<string, RelationSpec>;
export type CreateBlueprintInput = {
  id: string;
  title: string;
  description?: string | null;
  icon?: string | null;
  schema: JsonObject;
  relations?: RelationSpecs;
};
export type ReplaceBlueprintInput = {
  id?: string;
  title: string;
  description?: string | null;
  icon?: string | null;
  schema: JsonObject;
  relations?: RelationSpecs;
};
export type PatchBlueprintInput = {
  title?: string;
  description?: string | null;
  icon?: string | null;
  schema?: JsonObject;
  relations?: RelationSpecs;
};

const id = { type: 'string', pattern: BLUEPRINT_ID };
const title = { type: 'string', minLength: 1, maxLength: 100 };
const description = { type: ['string', 'null'], maxLength: 10_000 };
const icon = { type: ['string', 'null'], maxLength: 50 };
const schema = { type: 'object' };
const relations = relationsBodySchema(BLUEPRINT_ID);

export const createBlueprintBody = bodySchema<CreateBlueprintInput>({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'schema'],
  properties: { id, title, description, icon, schema, relations },
});

/** PUT: the whole blueprint again (absent `relations`: none); `id` may be repeated (a GET-edit-PUT round trip) but not changed. */
export const replaceBlueprintBody = bodySchema<ReplaceBlueprintInput>({
  type: 'object',
  additionalProperties: false,
  required: ['title', 'schema'],
  properties: { id, title, description, icon, schema, relations },
});

/** PATCH: the top-level fields given replace theirs (`schema` and `relations` as a whole); the rest stay. */
export const patchBlueprintBody = bodySchema<PatchBlueprintInput>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { title, description, icon, schema, relations },
});
