import { PAGE_SIZES, VIEW_IDENTIFIER, VIEW_LIMITS, type SavedViewInput } from '@/lib/domain/saved-views';
import { bodySchema } from '@/lib/http/request-body';

// Request bodies of the saved-view routes (API.md "Saved views"). The shape is checked here (an
// unknown field is a 400, a value out of bounds a 422 with its JSON pointer); `query` and `sort`
// are only an object and an array here: the search parser walks them (check-saved-view.ts), so
// that their faults name their place as the search body's do (`query.rules[0].operator`).

const properties = {
  identifier: { type: 'string', pattern: VIEW_IDENTIFIER.source },
  title: { type: 'string', minLength: 1, maxLength: VIEW_LIMITS.titleLength },
  shared: { type: 'boolean' },
  default: { type: 'boolean' },
  query: { type: ['object', 'null'] },
  sort: { type: ['array', 'null'] },
  columns: {
    type: ['array', 'null'],
    maxItems: VIEW_LIMITS.maxColumns,
    uniqueItems: true,
    items: { type: 'string', minLength: 1, maxLength: VIEW_LIMITS.columnLength },
  },
  page_size: { enum: [...PAGE_SIZES, null] },
};

export type ReplaceSavedViewInput = Omit<SavedViewInput, 'identifier'> & { identifier?: string };

export const createSavedViewBody = bodySchema<SavedViewInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'title'],
  properties,
});

/** PUT: the whole view again; `identifier` may be repeated but not changed. */
export const replaceSavedViewBody = bodySchema<ReplaceSavedViewInput>({
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties,
});

/** PATCH: a JSON merge patch (RFC 7396) of the body form, checked as a PUT body once merged. */
export const patchSavedViewBody = bodySchema<Record<string, unknown>>({
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: Object.fromEntries(Object.keys(properties).map((k) => [k, {}])),
});
