import { SCORECARD_IDENTIFIER, SCORECARD_LIMITS } from '@/lib/domain/scorecard-rules';
import type { ScorecardView } from '@/lib/scorecards/scorecard-view';
import { headerRef, paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, noContent, operation } from './operation';
import { arrayOf, nullable, pageOf, str, timestamp, view } from './view-schemas';

// Paths and schemas of the scorecard routes (API.md "Scorecards", lib/scorecards): CRUD with
// ETag / If-Match. Results (summary, history, trend, preview) are documented beside their routes.

const etag = { ETag: headerRef('ETag') };
const scope = [paramRef('Team'), paramRef('BlueprintId')];

export const scorecardParameters = {
  ScorecardId: {
    name: 'scorecard_id',
    in: 'path',
    required: true,
    description: "The scorecard's identifier within the blueprint (API.md's `{sc}`). One that cannot exist is 404.",
    schema: { type: 'string', pattern: SCORECARD_IDENTIFIER.source },
  },
};

const level = {
  type: 'object',
  required: ['name', 'color'],
  properties: { name: str, color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' } },
};

const rules =
  `\`filter\` and each rule's \`query\` are query trees of the search body (SearchGroup), parsed and typed exactly as search does against the blueprint's schema and relations (relatedTo and rules on related entities' properties included); a fault is a 400 whose \`details.path\` names its place, e.g. \`rules[2].query.rules[0].operator\` or \`filter.rules[0].value\`. ` +
  `The filter and all the rules' queries together are held to one query's limits (details.reason \`query_too_large\`). ` +
  `Levels: ${SCORECARD_LIMITS.minLevels}..${SCORECARD_LIMITS.maxLevels}, lowest first, names trimmed, 1..${SCORECARD_LIMITS.levelNameLength} characters and unique case-insensitively, colours \`#rrggbb\`; absent: Basic, Bronze, Silver, Gold. ` +
  `Rules: at most ${SCORECARD_LIMITS.maxRules}, unique identifiers, each \`level\` naming a level other than the first (422 with the rule's JSON pointer, e.g. \`/rules/2/level\`). ` +
  "A change of the levels' names or order, the filter or the rules starts a recompute in the background (`recomputing`, `progress`); reads serve the previous results until it is done.";

export const scorecardSchemas: Record<string, JsonSchema> = {
  Scorecard: view<ScorecardView>('A scorecard: levels and rules over the entities of a blueprint.', {
    identifier: str,
    blueprint: { ...str, description: "The blueprint's id." },
    title: str,
    description: nullable(str),
    levels: { ...arrayOf(level), description: "Lowest first; an entity that passes no level's rules has the first." },
    filter: {
      oneOf: [schemaRef('SearchGroup'), { type: 'null' }],
      description: 'Which entities it applies to; null: all of the blueprint.',
    },
    rules: arrayOf({
      type: 'object',
      required: ['identifier', 'title', 'description', 'level', 'query'],
      properties: { identifier: str, title: str, description: nullable(str), level: str, query: schemaRef('SearchGroup') },
    }),
    computed_at: { ...nullable({ ...timestamp }), description: 'When the live results were computed; null before the first.' },
    recomputing: { type: 'boolean', description: 'A newer definition is being computed; the live results are still served.' },
    progress: {
      oneOf: [
        { type: 'object', required: ['done', 'total'], properties: { done: { type: 'integer' }, total: { type: 'integer' } } },
        { type: 'null' },
      ],
      description: 'Entities done of total while recomputing; null otherwise.',
    },
    created_at: timestamp,
    updated_at: timestamp,
  }),
};

const update = (method: 'put' | 'patch') =>
  operation(method, {
    id: method === 'put' ? 'replaceScorecard' : 'patchScorecard',
    summary: method === 'put' ? 'Replace a scorecard' : 'Change a scorecard (JSON merge patch)',
    description:
      (method === 'put'
        ? 'The whole scorecard again (absent `levels`: the defaults; absent `filter`: none); `identifier` may be repeated but not changed (422). '
        : 'An RFC 7396 merge patch of the scorecard as GET answers it (arrays such as `rules` and `levels` are replaced whole; `"filter": null` removes the filter); the result is checked as a PUT body. ') +
      rules +
      ' A title, description or colour change bumps only the version.',
    tag: 'Scorecards',
    access: needs('scorecard:write'),
    body: method === 'put' ? 'ReplaceScorecardBody' : 'PatchScorecardBody',
    query: [],
    headers: [paramRef('IfMatch')],
    responses: { 200: json('The scorecard as saved.', 'Scorecard', etag) },
    errors: ['conflict'],
  });

export const scorecardPaths = {
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/scorecards': {
    parameters: scope,
    get: operation('get', {
      id: 'listScorecards',
      summary: "The blueprint's scorecards",
      tag: 'Scorecards',
      access: needs('scorecard:read'),
      query: [paramRef('Limit'), paramRef('Cursor')],
      responses: { 200: json('A page of scorecards, oldest first.', pageOf('scorecards', 'Scorecard')) },
    }),
    post: operation('post', {
      id: 'createScorecard',
      summary: 'Create a scorecard',
      description: `\`identifier\` is unique within the blueprint (409 \`already_exists\`). ${rules}`,
      tag: 'Scorecards',
      access: needs('scorecard:write'),
      body: 'CreateScorecardBody',
      query: [],
      responses: { 201: json('The new scorecard (its results are being computed).', 'Scorecard', etag) },
      errors: ['conflict'],
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/scorecards/{scorecard_id}': {
    parameters: [...scope, paramRef('ScorecardId')],
    get: operation('get', {
      id: 'getScorecard',
      summary: 'One scorecard',
      tag: 'Scorecards',
      access: needs('scorecard:read'),
      query: [],
      responses: { 200: json('The scorecard.', 'Scorecard', etag) },
    }),
    put: update('put'),
    patch: update('patch'),
    delete: operation('delete', {
      id: 'deleteScorecard',
      summary: 'Delete a scorecard with its results and level history',
      tag: 'Scorecards',
      access: needs('scorecard:write'),
      query: [],
      headers: [paramRef('IfMatch')],
      responses: { 204: noContent('Deleted.') },
      errors: ['conflict'],
    }),
  },
};
