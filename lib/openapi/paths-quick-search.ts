import type { QuickSearchResult } from '@/lib/quick-search/search-team-entities';
import { QUICK_SEARCH_MAX_LIMIT, QUICK_SEARCH_MAX_Q } from '@/lib/quick-search/search-team-entities';
import { paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, operation } from './operation';
import { arrayOf, nullable, str, view } from './view-schemas';

// The quick search route (Ctrl/Cmd-K in the portal): the team's entities by identifier and title.

export const quickSearchSchemas: Record<string, JsonSchema> = {
  QuickSearchResult: view<QuickSearchResult>('An entity that matched, with just enough to link to it.', {
    blueprint: { ...str, description: "The blueprint's id." },
    identifier: str,
    title: nullable(str),
  }),
};

export const quickSearchPaths = {
  '/api/v1/teams/{team}/search': {
    parameters: [paramRef('Team')],
    get: operation('get', {
      id: 'quickSearch',
      summary: "Find the team's entities by identifier or title, across blueprints",
      description:
        'Case-insensitive substring match (`%` and `_` match themselves). Ranked: the exact identifier, then identifiers beginning with `q`, then titles beginning with it, then any other match; shorter identifiers first.',
      tag: 'Entities',
      access: needs('entity:read'),
      query: [
        {
          name: 'q',
          in: 'query',
          required: true,
          description: `The text to look for (1..${QUICK_SEARCH_MAX_Q} characters after trimming).`,
          schema: { type: 'string', minLength: 1, maxLength: QUICK_SEARCH_MAX_Q },
        },
        {
          name: 'limit',
          in: 'query',
          description: `How many results (1..${QUICK_SEARCH_MAX_LIMIT}).`,
          schema: { type: 'integer', minimum: 1, maximum: QUICK_SEARCH_MAX_LIMIT, default: 10 },
        },
      ],
      responses: {
        200: json('The best matches, best first.', {
          type: 'object',
          required: ['results'],
          properties: { results: arrayOf(schemaRef('QuickSearchResult')) },
        }),
      },
    }),
  },
};
