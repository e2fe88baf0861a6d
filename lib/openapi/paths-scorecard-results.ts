import { MAX_TREND_DAYS } from '@/lib/scorecards/evaluate/get-scorecard-trend';
import { paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, operation } from './operation';
import { arrayOf, nullable, pageOf, str, timestamp } from './view-schemas';

// Paths and schemas of a scorecard's results (lib/scorecards/evaluate): the summary, the level
// history, the trend and the preview of a draft. The scorecards' CRUD is in paths-scorecards.ts.

const scope = [paramRef('Team'), paramRef('BlueprintId')];
const scorecard = paramRef('ScorecardId');
const count = { type: 'integer', minimum: 0 };
const levelName = nullable(str);

export const scorecardResultSchemas: Record<string, JsonSchema> = {
  ScorecardDistribution: {
    type: 'object',
    required: ['total', 'levels', 'rules'],
    properties: {
      total: { ...count, description: 'Entities the scorecard applies to (its filter), under the query if one is given.' },
      levels: arrayOf({
        type: 'object',
        required: ['name', 'color', 'count'],
        properties: { name: str, color: str, count },
      }),
      rules: arrayOf({
        type: 'object',
        required: ['identifier', 'level', 'passed', 'failed'],
        properties: { identifier: str, level: str, passed: count, failed: count },
      }),
    },
  },
  ScorecardSummary: {
    allOf: [
      schemaRef('ScorecardDistribution'),
      {
        type: 'object',
        required: ['computed_at', 'recomputing'],
        properties: {
          computed_at: { ...nullable({ ...timestamp }), description: 'When the live results were computed; null before the first.' },
          recomputing: {
            type: 'boolean',
            description: 'A new definition is being computed; these numbers are the previous one until it is done.',
          },
        },
      },
    ],
  },
  ScorecardLevelChange: {
    type: 'object',
    required: ['entity', 'from', 'to', 'at', 'cause'],
    properties: {
      entity: { ...str, description: "The entity's identifier (kept after it is deleted)." },
      from: { ...levelName, description: 'null: the entity entered the scorecard.' },
      to: { ...levelName, description: 'null: the entity left it (deleted, or the filter no longer matches).' },
      at: timestamp,
      cause: {
        type: 'string',
        enum: [
          'entity_created',
          'entity_updated',
          'entity_restored',
          'entity_deleted',
          'related_entity_changed',
          'scorecard_changed',
          'schema_changed',
        ],
      },
    },
  },
  ScorecardTrend: {
    type: 'object',
    required: ['days'],
    properties: {
      days: arrayOf({
        type: 'object',
        required: ['date', 'levels'],
        properties: {
          date: { type: 'string', format: 'date' },
          levels: arrayOf({ type: 'object', required: ['name', 'count'], properties: { name: str, count } }),
        },
      }),
    },
  },
  ScorecardPreviewBody: {
    type: 'object',
    required: ['rules'],
    description: 'A scorecard body without identifier and title: checked like a save (the same 400 and 422 paths).',
    properties: {
      levels: arrayOf({ type: 'object', required: ['name', 'color'], properties: { name: str, color: str } }),
      filter: { oneOf: [schemaRef('SearchGroup'), { type: 'null' }] },
      rules: arrayOf({
        type: 'object',
        required: ['identifier', 'title', 'level', 'query'],
        properties: { identifier: str, title: str, description: nullable(str), level: str, query: schemaRef('SearchGroup') },
      }),
    },
  },
};

const base = '/api/v1/teams/{team}/blueprints/{blueprint_id}/scorecards';

export const scorecardResultPaths = {
  [`${base}/{scorecard_id}/summary`]: {
    parameters: [...scope, scorecard],
    get: operation('get', {
      id: 'getScorecardSummary',
      summary: 'The distribution per level and the pass rate per rule',
      description: 'Over the live results (a recompute in progress never shows half done), of the entities the optional query matches.',
      tag: 'Scorecards',
      access: needs('scorecard:read'),
      query: [{ name: 'query', in: 'query', description: 'A search query (a SearchGroup) as URL-encoded JSON.', schema: str }],
      responses: { 200: json('The summary.', 'ScorecardSummary') },
    }),
  },
  [`${base}/{scorecard_id}/history`]: {
    parameters: [...scope, scorecard],
    get: operation('get', {
      id: 'listScorecardHistory',
      summary: "Entities' level changes, newest first",
      tag: 'Scorecards',
      access: needs('scorecard:read'),
      query: [
        { name: 'entity', in: 'query', description: "Only this entity's changes (its identifier).", schema: str },
        paramRef('Limit'),
        paramRef('Cursor'),
      ],
      responses: { 200: json('A page of changes.', pageOf('changes', 'ScorecardLevelChange')) },
    }),
  },
  [`${base}/{scorecard_id}/trend`]: {
    parameters: [...scope, scorecard],
    get: operation('get', {
      id: 'getScorecardTrend',
      summary: 'The end-of-day level distribution of each of the last days',
      description: 'Days in UTC, today last; walked back from the live distribution through the history.',
      tag: 'Scorecards',
      access: needs('scorecard:read'),
      query: [{ name: 'days', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_TREND_DAYS, default: 30 } }],
      responses: { 200: json('The trend.', 'ScorecardTrend') },
    }),
  },
  [`${base}/preview`]: {
    parameters: scope,
    post: operation('post', {
      id: 'previewScorecard',
      summary: "A draft scorecard's numbers over the blueprint's entities now",
      description: 'Computed by the same evaluator as the live results; nothing is stored.',
      tag: 'Scorecards',
      access: needs('scorecard:read'),
      body: 'ScorecardPreviewBody',
      responses: { 200: json('The distribution.', 'ScorecardDistribution') },
    }),
  },
};
