import { headerRef, paramRef } from './components';
import { json, needs, operation } from './operation';

// The team's own OpenAPI document (lib/openapi/build-team-openapi.ts).

export const teamOpenApiPaths = {
  '/api/v1/teams/{team}/openapi.json': {
    parameters: [paramRef('Team')],
    get: operation('get', {
      id: 'getTeamOpenApiDocument',
      summary: 'This document, for one team, with entity paths typed by each blueprint',
      description:
        "The API document with this server's URL and the team's slug filled in, plus for each blueprint `/blueprints/<id>/entities` (and `/bulk`, `/{identifier}`) whose bodies use the blueprint's JSON Schema (`<Blueprint>Entity`, `<Blueprint>EntityInput`, `<Blueprint>EntityPatch`). Feed it to a client generator (e.g. `openapi-typescript`). Send the ETag back in If-None-Match: 304 while no blueprint changed.",
      tag: 'Meta',
      access: needs('blueprint:read'),
      query: [],
      headers: [
        {
          name: 'If-None-Match',
          in: 'header',
          description: 'The ETag of a document you have: 304 if it is still current.',
          schema: { type: 'string' },
        },
      ],
      responses: {
        200: json(
          "The team's OpenAPI 3.1 document.",
          { type: 'object' },
          { ETag: headerRef('ETag'), 'Cache-Control': headerRef('Cache-Control') },
        ),
        304: { description: 'Not modified: the document of the If-None-Match ETag is current.', headers: { ETag: headerRef('ETag') } },
      },
    }),
  },
};
