import { buildOpenApiDocument } from './build-openapi';
import type { JsonSchema } from './components';
import { addTypedBlueprint, type TeamBlueprint } from './typed-blueprint';

// A team's OpenAPI document (GET /api/v1/teams/{team}/openapi.json): the whole API document, with
// this server's URL, the team's slug as the only value of `{team}`, and for each of the team's
// blueprints the entity paths typed by its schema, so a generated client knows `data`'s shape.

export type TeamDocumentInput = {
  team: { slug: string; name: string };
  /** The origin clients call (`https://baseplate.example.com`). */
  serverUrl: string;
  /** The blueprints to type, in the order their paths should appear. */
  blueprints: TeamBlueprint[];
  /** True when the team has more blueprints than were typed (their generic paths still apply). */
  truncated?: boolean;
};

type Doc = {
  info: { title: string; description: string };
  servers: object[];
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, JsonSchema> };
};

let base: Doc | undefined; // the API document does not change while the process runs

export function buildTeamOpenApiDocument(input: TeamDocumentInput): object {
  base ??= buildOpenApiDocument() as Doc;
  const doc = structuredClone(base);
  const { slug, name } = input.team;
  doc.info.title = `Baseplate API: ${name}`;
  doc.info.description += `\n\n**This document is the team \`${slug}\`'s**: \`{team}\` is \`${slug}\`, and each of its blueprints has its own entity paths (tag \`Blueprint: <id>\`) whose bodies are typed by the blueprint's JSON Schema (\`<Blueprint>Data\`).`;
  if (input.truncated)
    doc.info.description += ` Only the first ${input.blueprints.length} blueprints (by id) are typed here; the generic \`{blueprint_id}\` paths serve every blueprint.`;
  doc.servers = [{ url: input.serverUrl, description: 'This Baseplate server' }];
  const team = doc.components.parameters.Team;
  doc.components.parameters.Team = { ...team, schema: { ...(team.schema as object), enum: [slug], default: slug }, example: slug };
  for (const blueprint of input.blueprints) addTypedBlueprint(doc, blueprint);
  return doc;
}
