import { compileMappingsOrFaults } from '@/lib/integrations/compile-mappings';
import { INTEGRATION_IDENTIFIER, type IntegrationKind } from '@/lib/integrations/integration-limits';
import type { IntegrationInput, MappingInput } from '@/lib/integrations/integration-schemas';
import type { IntegrationView } from '@/lib/integrations/integration-view';
import { pullDraftOf, pullSettingsOf, type PullDraft } from './pull-draft';

// The integration editor's state and its body for the API. Every field error is keyed by the
// JSON pointer the API uses for it (`/title`, `/mappings/0/entity/properties/owner`), so the
// browser's checks (the same compiler of mapping expressions as the server's) and the server's
// refusals land on the same field.

export type ExpressionRow = { key: string; name: string; expression: string };
export type MappingDraft = {
  key: string;
  blueprint: string;
  selector: string;
  itemsToParse: string;
  identifier: string;
  title: string;
  properties: ExpressionRow[];
  relations: ExpressionRow[];
};
export type IntegrationDraft = {
  identifier: string;
  title: string;
  kind: IntegrationKind;
  enabled: boolean;
  /** The deletion threshold as a percentage, as typed. */
  thresholdPercent: string;
  mappings: MappingDraft[];
  /** http-pull's settings (pull-draft.ts); the other kinds' settings are kept as they were. */
  pull: PullDraft;
  otherSettings: Record<string, unknown>;
};

let nextKey = 0;
export const newKey = () => `k${++nextKey}`;

const escapeName = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
export const mappingPath = (index: number, field: string) => `/mappings/${index}/${field}`;
export const rowPath = (index: number, group: 'properties' | 'relations', name: string) =>
  `/mappings/${index}/entity/${group}/${escapeName(name)}`;

const rowsOf = (values: Record<string, string> | undefined): ExpressionRow[] =>
  Object.entries(values ?? {}).map(([name, expression]) => ({ key: newKey(), name, expression }));

export function newMapping(blueprint: string): MappingDraft {
  return {
    key: newKey(),
    blueprint,
    selector: '',
    itemsToParse: '',
    identifier: 'id',
    title: 'name',
    properties: [],
    relations: [],
  };
}

export function draftFromView(view: IntegrationView | null, blueprint: string): IntegrationDraft {
  if (!view)
    return {
      identifier: '',
      title: '',
      kind: 'webhook',
      enabled: true,
      thresholdPercent: '10',
      mappings: [newMapping(blueprint)],
      pull: pullDraftOf(undefined),
      otherSettings: {},
    };
  const pull = view.kind === 'http-pull';
  return {
    pull: pullDraftOf(pull ? view.settings : undefined),
    otherSettings: pull ? {} : view.settings,
    identifier: view.identifier,
    title: view.title,
    kind: view.kind,
    enabled: view.enabled,
    thresholdPercent: String(Math.round(view.deletion_threshold * 1000) / 10),
    mappings: view.mappings.map((m) => ({
      key: newKey(),
      blueprint: m.blueprint,
      selector: m.selector ?? '',
      itemsToParse: m.items_to_parse ?? '',
      identifier: m.entity.identifier,
      title: m.entity.title ?? '',
      properties: rowsOf(m.entity.properties),
      relations: rowsOf(m.entity.relations),
    })),
  };
}

function expressionsOf(rows: ExpressionRow[], index: number, group: 'properties' | 'relations', problems: Map<string, string>) {
  const values: Record<string, string> = Object.create(null);
  for (const row of rows) {
    const name = row.name.trim();
    if (!name && !row.expression.trim()) continue;
    const at = rowPath(index, group, name || row.key);
    if (!name) problems.set(at, 'Name the field this expression fills.');
    else if (Object.hasOwn(values, name)) problems.set(at, `"${name}" is mapped twice.`);
    else if (!row.expression.trim()) problems.set(at, 'Write an expression, or remove the row.');
    else values[name] = row.expression;
  }
  return values;
}

export function mappingsOf(draft: IntegrationDraft, problems = new Map<string, string>()): MappingInput[] {
  return draft.mappings.map((m, index) => {
    const optional = (value: string) => (value.trim() ? value : null);
    if (!m.identifier.trim()) problems.set(mappingPath(index, 'entity/identifier'), 'Every entity needs an identifier expression.');
    if (!m.blueprint) problems.set(mappingPath(index, 'blueprint'), 'Pick a blueprint.');
    return {
      blueprint: m.blueprint,
      selector: optional(m.selector),
      items_to_parse: optional(m.itemsToParse),
      entity: {
        identifier: m.identifier,
        title: optional(m.title),
        properties: expressionsOf(m.properties, index, 'properties', problems),
        relations: expressionsOf(m.relations, index, 'relations', problems),
      },
    };
  });
}

/** The body to send and what the browser already knows is wrong with it (keyed by JSON pointer). */
export function buildIntegration(draft: IntegrationDraft, creating: boolean): { body: IntegrationInput; problems: Map<string, string> } {
  const problems = new Map<string, string>();
  if (creating && !INTEGRATION_IDENTIFIER.test(draft.identifier))
    problems.set('/identifier', 'Use lower-case letters, digits, "-" or "_", starting with a letter (up to 50 characters).');
  if (!draft.title.trim()) problems.set('/title', 'Give the integration a title.');
  const percent = Number(draft.thresholdPercent);
  if (draft.thresholdPercent.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100)
    problems.set('/deletion_threshold', 'A percentage from 0 to 100.');
  const mappings = mappingsOf(draft, problems);
  const settings = draft.kind === 'http-pull' ? pullSettingsOf(draft.pull, problems) : draft.otherSettings;
  for (const fault of compileMappingsOrFaults(mappings).faults) {
    if (!problems.has(fault.path)) problems.set(fault.path, `This expression does not compile: ${fault.message}`);
  }
  return {
    body: {
      identifier: draft.identifier,
      title: draft.title.trim(),
      kind: draft.kind,
      settings,
      enabled: draft.enabled,
      deletion_threshold: Number.isFinite(percent) ? Math.min(1, Math.max(0, percent / 100)) : 0.1,
      mappings,
    },
    problems,
  };
}
