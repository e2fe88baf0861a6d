import { EVENT_KINDS, type EventFeed, type EventView } from '@/lib/events/list-events';
import { paramRef, schemaRef, type JsonSchema } from './components';
import { json, needs, operation } from './operation';
import { arrayOf, nullable, str, timestamp, uuid, view } from './view-schemas';

// The change feed (docs/API.md "Catalog change events"): the outbox of catalog changes as a team
// reads it.

const names = arrayOf(str);

export const eventSchemas: Record<string, JsonSchema> = {
  CatalogEvent: view<EventView>('One committed change to an entity or a blueprint.', {
    id: { ...str, description: 'The event id (a decimal integer, as a string).' },
    kind: { type: 'string', enum: [...EVENT_KINDS] },
    blueprint: { ...str, description: "The blueprint's id (of the entity, or the blueprint itself)." },
    entity: {
      oneOf: [
        { type: 'null' },
        view<NonNullable<EventView['entity']>>('The entity (null for a blueprint event).', { id: uuid, identifier: str }),
      ],
    },
    changed: view<EventView['changed']>('What changed.', {
      properties: {
        ...names,
        description:
          'Top-level data properties whose value changed (all set ones for a create or a delete); for a blueprint, which of title, description, icon, schema, relations.',
      },
      relations: {
        ...nullable({ type: 'array' }),
        items: str,
        description: 'Relations whose links changed; null when the write did not compare them (a bulk update).',
      },
      title: { type: 'boolean', description: 'Whether the title changed.' },
    }),
    actor: view<EventView['actor']>('Who made the change.', {
      type: { type: 'string', enum: ['user', 'api_key', 'automation', 'integration', 'run', 'system'] },
      id: nullable(str),
    }),
    request_id: nullable(str),
    audit_id: { ...nullable(str), description: 'The audit row with the before and after snapshots (`GET .../audit-logs`).' },
    run_id: { ...nullable(uuid), description: 'The run of a `run.finished` event.' },
    detail: {
      ...nullable({ type: 'object' }),
      description:
        '`scorecard.level_changed`: `{scorecard, from, to, cause}` (levels by name, null when the entity entered or left the scorecard); `run.finished`: `{action, status}`; null otherwise.',
    },
    at: timestamp,
  }),
  CatalogEventFeed: view<EventFeed>('Committed events after the cursor, oldest first.', {
    events: arrayOf(schemaRef('CatalogEvent')),
    next_cursor: {
      ...nullable(str),
      description:
        'Pass as `after` to read on; the same cursor when no event came (a feed has no end). Null only when none was given and no event exists.',
    },
    has_more: { type: 'boolean', description: 'More events are readable now.' },
  }),
};

const query = (name: string, description: string, schema: JsonSchema = str) => ({ name, in: 'query', description, schema });

export const eventPaths = {
  '/api/v1/teams/{team}/events': {
    parameters: [paramRef('Team')],
    get: operation('get', {
      id: 'listTeamEvents',
      summary: "The team's catalog change feed",
      description:
        'Every committed entity and blueprint change, written in the transaction of the change (an outbox): nothing that rolled back appears, nothing that committed is skipped. An event is readable once every transaction older than its own has ended. Kept `BASEPLATE_EVENT_RETENTION_DAYS` (7) days.',
      tag: 'Events',
      access: needs('entity:read'),
      query: [
        query('after', 'The `next_cursor` of the previous answer; absent: from the oldest kept event.'),
        query('kind', 'Only these kinds, comma-separated.'),
        query('blueprint', "Only this blueprint's events."),
        query('limit', 'Events per answer (1..1000).', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }),
      ],
      responses: { 200: json('The events after the cursor.', 'CatalogEventFeed') },
    }),
  },
};
