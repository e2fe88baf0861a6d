import { bodySchema } from '@/lib/http/request-body';

// Request bodies of the blueprint routes (API.md "Blueprints"). `schema` is only checked to be an
// object here; whether it is a valid draft 2020-12 object schema is the service's job
// (check-blueprint-schema.ts), so its 422 paths can point inside it. `relations` is not accepted
// yet (a later issue): as an unknown field it is a 400.

export const BLUEPRINT_ID = '^[a-z][a-z0-9_-]{0,49}$';
const BLUEPRINT_ID_RE = new RegExp(BLUEPRINT_ID);

export function isBlueprintId(value: string): boolean {
  return BLUEPRINT_ID_RE.test(value);
}

export type JsonObject = Record<string, unknown>;

export type CreateBlueprintInput = { id: string; title: string; description?: string | null; icon?: string | null; schema: JsonObject };
export type ReplaceBlueprintInput = { id?: string; title: string; description?: string | null; icon?: string | null; schema: JsonObject };
export type PatchBlueprintInput = { title?: string; description?: string | null; icon?: string | null; schema?: JsonObject };

const id = { type: 'string', pattern: BLUEPRINT_ID };
const title = { type: 'string', minLength: 1, maxLength: 100 };
const description = { type: ['string', 'null'], maxLength: 10_000 };
const icon = { type: ['string', 'null'], maxLength: 50 };
const schema = { type: 'object' };

export const createBlueprintBody = bodySchema<CreateBlueprintInput>({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'schema'],
  properties: { id, title, description, icon, schema },
});

/** PUT: the whole blueprint again; `id` may be repeated (a GET-edit-PUT round trip) but not changed. */
export const replaceBlueprintBody = bodySchema<ReplaceBlueprintInput>({
  type: 'object',
  additionalProperties: false,
  required: ['title', 'schema'],
  properties: { id, title, description, icon, schema },
});

/** PATCH: the top-level fields given replace theirs (`schema` as a whole); the rest stay. */
export const patchBlueprintBody = bodySchema<PatchBlueprintInput>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { title, description, icon, schema },
});
