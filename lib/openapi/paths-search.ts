import { DATE_PRESETS } from '@/lib/domain/date-presets';
import { FACET_LIMITS } from '@/lib/search/facet-entities';
import { SEARCH_LIMITS } from '@/lib/search/search-limits';
import { OPERATORS } from '@/lib/search/search-types';
import { LEVEL_OPERATORS } from '@/lib/domain/scorecard-operators';
import { paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, operation } from './operation';
import { arrayOf, nullable, str } from './view-schemas';

// Paths and schemas of catalog search (API.md "Search body", lib/search): the search route and
// facets. The list route's `sort` and `q` are documented with the list (paths-entities.ts).

const rule: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['property', 'operator'],
  properties: {
    property: {
      type: 'string',
      maxLength: SEARCH_LIMITS.maxPropertyLength,
      description:
        "A dot path into `data` (declared by the blueprint's schema), a meta-property (`$identifier`, `$title`, `$created_at`, `$updated_at`, `$created_by`, `$updated_by`), or a related entity's property through one of the blueprint's relations: `runs_on.$identifier`, `runs_on.region` (true when at least one linked target matches).",
    },
    operator: {
      type: 'string',
      enum: OPERATORS.filter((o) => o !== 'relatedTo'),
      description: "Must fit the property's type (else 400). `relatedTo` has its own rule form (SearchRelatedToRule).",
    },
    value: {
      description: `Of the property's type; absent for exists / isEmpty / isNotEmpty; a non-empty array (at most ${SEARCH_LIMITS.maxInValues}) for in / notIn / containsAny / containsAll; [low, high] (inclusive) or {"preset": one of ${DATE_PRESETS.join(', ')}} (UTC) for between / notBetween.`,
    },
  },
};

const relatedToRule: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['operator', 'blueprint', 'value', 'direction'],
  description:
    'Entities within 1..max_hops links of the given ones, through any relation of the team. upstream: what the given entities depend on (reached from them following links source -> target); downstream: what depends on them (entities that reach them). Safe on cycles.',
  properties: {
    operator: { const: 'relatedTo' },
    blueprint: { type: 'string', description: 'The blueprint of the given entities (400 if the team has none of that id).' },
    value: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: SEARCH_LIMITS.maxInValues }],
      description: "The given entities' identifiers.",
    },
    direction: { type: 'string', enum: ['upstream', 'downstream'] },
    max_hops: { type: 'integer', minimum: 1, maximum: 15, default: 1 },
  },
};

const scorecardRule: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['scorecard', 'operator', 'value'],
  description:
    "Searches only (needs `scorecard:read`; a scorecard's own filter and rules cannot use it). On the entity's level in the scorecard's live results (without `rule`): levels compare by their order, lowest first; `!=` and notIn match entities that HAVE another level: an entity the scorecard does not apply to (its filter) has no level and matches no level rule. With `rule`: the rule passes (`true`) or fails (`false`) for the entity. A scorecard not yet computed matches nothing. An unknown scorecard, level or rule is a 400 naming its place.",
  properties: {
    scorecard: { type: 'string', description: "The identifier of one of the blueprint's scorecards." },
    rule: { type: 'string', description: "The identifier of one of the scorecard's rules (then operator is `=` and value a boolean)." },
    operator: { type: 'string', enum: [...LEVEL_OPERATORS] },
    value: {
      oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }, { type: 'boolean' }],
      description: 'A level name (=, !=, >=, <=), a non-empty list of level names (in, notIn), or with `rule` true | false.',
    },
  },
};

export const searchSchemas: Record<string, JsonSchema> = {
  SearchRule: rule,
  SearchRelatedToRule: relatedToRule,
  SearchScorecardRule: scorecardRule,
  SearchGroup: {
    type: 'object',
    additionalProperties: false,
    required: ['rules'],
    description: `Rules combined with and / or (default and); groups nest at most ${SEARCH_LIMITS.maxDepth} deep, ${SEARCH_LIMITS.maxRules} rules in all, and list values (in, notIn, containsAny, containsAll, relatedTo) add up to at most ${SEARCH_LIMITS.maxTotalValues}. An empty group matches everything. Negations (!=, notIn, notBetween, doesNotContain, isNotEmpty) also match entities where the property is missing or null.`,
    properties: {
      combinator: { type: 'string', enum: ['and', 'or'], default: 'and' },
      rules: {
        type: 'array',
        items: {
          oneOf: [schemaRef('SearchRule'), schemaRef('SearchRelatedToRule'), schemaRef('SearchScorecardRule'), schemaRef('SearchGroup')],
        },
      },
    },
  },
  SearchBody: {
    type: 'object',
    additionalProperties: false,
    description:
      'A fault is a 400 whose message and `details.path` name its place, e.g. `query.rules[2].value`. A query refused for its size also says which limit: `details.reason` "query_too_large", `details.limit` (maxDepth, maxRules, maxInValues, maxTotalValues) and `details.max`.',
    properties: {
      query: { oneOf: [schemaRef('SearchGroup'), { type: 'null' }], description: 'The filter; absent or null: every entity.' },
      sort: {
        type: 'array',
        maxItems: SEARCH_LIMITS.maxSortKeys,
        description:
          "Sort keys (scalars only: numbers numerically, versions by semver precedence, date-times as instants, strings in code-point order); missing values last; the id breaks ties. Default: `$created_at` desc. `$scorecard.<sc>` sorts by the level in that scorecard (by the levels' order; entities without a level last; needs `scorecard:read`).",
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['property'],
          properties: { property: str, order: { type: 'string', enum: ['asc', 'desc'], default: 'asc' } },
        },
      },
      limit: { type: 'integer', minimum: 1, maximum: SEARCH_LIMITS.maxLimit, default: SEARCH_LIMITS.defaultLimit },
      cursor: {
        ...nullable(str),
        description: "The `next_cursor` of the previous page, with the same sort (another sort's cursor is 400).",
      },
      q: {
        ...nullable(str),
        maxLength: SEARCH_LIMITS.maxQLength,
        description: 'Case-insensitive substring of the identifier, the title or any string in data.',
      },
    },
  },
  SearchResult: {
    type: 'object',
    required: ['entities', 'next_cursor', 'total', 'total_relation'],
    properties: {
      entities: arrayOf(schemaRef('Entity')),
      next_cursor: { ...nullable(str), description: 'The cursor of the next page; null on the last.' },
      total: {
        type: 'integer',
        minimum: 0,
        description: `How many entities match: exact up to ${SEARCH_LIMITS.totalCap}, then ${SEARCH_LIMITS.totalCap}.`,
      },
      total_relation: {
        type: 'string',
        enum: ['eq', 'gte', 'estimate'],
        description: `\`eq\`: total is exact; \`gte\`: at least total match (more than the cap); \`estimate\`: counting would have taken over ${SEARCH_LIMITS.totalTimeoutMs} ms, total is the query planner's estimate.`,
      },
    },
  },
  FacetsBody: {
    type: 'object',
    additionalProperties: false,
    required: ['property'],
    properties: {
      property: {
        ...str,
        description:
          'The property to count values of: an enum, boolean, string, number, version or date, or an array of strings or numbers (counted per element).',
      },
      query: { oneOf: [schemaRef('SearchGroup'), { type: 'null' }] },
      q: nullable(str),
      limit: { type: 'integer', minimum: 1, maximum: FACET_LIMITS.maxLimit, default: FACET_LIMITS.defaultLimit },
    },
  },
  Facets: {
    type: 'object',
    required: ['values'],
    properties: {
      values: {
        type: 'array',
        description: 'The most frequent values first (ties by value), at most `limit`; null and missing values are not counted.',
        items: {
          type: 'object',
          required: ['value', 'count'],
          properties: { value: { type: ['string', 'number', 'boolean'] }, count: { type: 'integer', minimum: 1 } },
        },
      },
    },
  },
};

const scope = [paramRef('Team'), paramRef('BlueprintId')];
const facetsQuery = [
  { name: 'property', in: 'query', required: true, description: 'The property to count values of.', schema: str },
  { name: 'query', in: 'query', description: 'The search query (a SearchGroup) as URL-encoded JSON.', schema: str },
  { name: 'q', in: 'query', description: "As the search body's `q`.", schema: str },
  {
    name: 'limit',
    in: 'query',
    description: `How many values, 1..${FACET_LIMITS.maxLimit} (default ${FACET_LIMITS.defaultLimit}).`,
    schema: { type: 'integer', minimum: 1, maximum: FACET_LIMITS.maxLimit },
  },
];

export const searchPaths = {
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/entities/search': {
    parameters: scope,
    post: operation('post', {
      id: 'searchEntities',
      summary: 'Entities matching a query, sorted and paged, with a total',
      description:
        "Rules are typed by the blueprint's schema: an unknown property, an operator that does not fit its type, or a value of the wrong type is 400 naming the rule (`query.rules[1].value`).",
      tag: 'Entities',
      access: needs('entity:read'),
      body: 'SearchBody',
      query: [paramRef('Include')],
      responses: { 200: json('A page of matching entities.', 'SearchResult') },
    }),
  },
  '/api/v1/teams/{team}/blueprints/{blueprint_id}/facets': {
    parameters: scope,
    get: operation('get', {
      id: 'facetEntities',
      summary: 'Value counts of one property under a query',
      tag: 'Entities',
      access: needs('entity:read'),
      query: facetsQuery,
      responses: { 200: json('The values and their counts.', 'Facets') },
    }),
    post: operation('post', {
      id: 'facetEntitiesPost',
      summary: 'Value counts of one property under a query (the query in a JSON body)',
      tag: 'Entities',
      access: needs('entity:read'),
      body: 'FacetsBody',
      query: [],
      responses: { 200: json('The values and their counts.', 'Facets') },
    }),
  },
};
