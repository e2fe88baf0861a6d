import { LEVEL_COLOR, SCORECARD_IDENTIFIER, SCORECARD_LIMITS, type ScorecardInput } from '@/lib/domain/scorecard-rules';
import { bodySchema } from '@/lib/http/request-body';

// Request bodies of the scorecard routes (API.md "Scorecards"). The shape is checked here (an
// unknown field is a 400, a value out of its bounds a 422 with its JSON pointer); what needs the
// body as a whole or the blueprint (unique level names, a rule's level, the query trees typed by
// the schema) is checkScorecardDefinition's. `filter` and `query` are only objects here: the
// search parser walks them, so that their faults name their place as search's do.

const { maxRules, minLevels, maxLevels, levelNameLength, titleLength, descriptionLength } = SCORECARD_LIMITS;

const identifier = { type: 'string', pattern: SCORECARD_IDENTIFIER.source };
const title = { type: 'string', minLength: 1, maxLength: titleLength };
const description = { type: ['string', 'null'], maxLength: descriptionLength };
const queryTree = { type: 'object' };

export const levelsSchema = {
  type: 'array',
  minItems: minLevels,
  maxItems: maxLevels,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'color'],
    properties: {
      // Trimmed by the checker, which measures the trimmed name (1..levelNameLength).
      name: { type: 'string', minLength: 1, maxLength: levelNameLength + 20 },
      color: { type: 'string', pattern: LEVEL_COLOR.source },
    },
  },
};

export const rulesSchema = {
  type: 'array',
  maxItems: maxRules,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['identifier', 'title', 'level', 'query'],
    properties: {
      identifier,
      title,
      description,
      level: { type: 'string', minLength: 1, maxLength: levelNameLength + 20 },
      query: queryTree,
    },
  },
};

const definitionProperties = { levels: levelsSchema, filter: { type: ['object', 'null'] }, rules: rulesSchema };

/** The definition alone ({levels?, filter?, rules}): what checkScorecardDefinition takes, and the preview's body. */
export const scorecardDefinitionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: definitionProperties,
};

export type ReplaceScorecardInput = Omit<ScorecardInput, 'identifier'> & { identifier?: string };
export type PatchScorecardInput = Partial<ScorecardInput>;

export const createScorecardBody = bodySchema<ScorecardInput>({
  type: 'object',
  additionalProperties: false,
  required: ['identifier', 'title', 'rules'],
  properties: { identifier, title, description, ...definitionProperties },
});

/** PUT: the whole scorecard again (absent levels: the default ones); `identifier` may be repeated but not changed. */
export const replaceScorecardBody = bodySchema<ReplaceScorecardInput>({
  type: 'object',
  additionalProperties: false,
  required: ['title', 'rules'],
  properties: { identifier, title, description, ...definitionProperties },
});

/**
 * PATCH: a JSON merge patch (RFC 7396) of the scorecard's body form. Its members are checked
 * after merging (the merged body must be a valid PUT body), so only its top level is bounded here.
 */
export const patchScorecardBody = bodySchema<Record<string, unknown>>({
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    identifier: {},
    title: {},
    description: {},
    levels: {},
    filter: {},
    rules: {},
  },
});
