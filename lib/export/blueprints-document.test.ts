import { describe, expect, it } from 'vitest';
import type { CreateBlueprintInput, RelationSpecs } from '@/lib/blueprints/schemas';
import { AppError } from '@/lib/errors';
import type { RelationsView } from '@/lib/relations/relation-types';
import { parseBlueprintsYaml, toBlueprintsYaml } from './blueprints-document';
import type { ExportBlueprint } from './export-types';

// The blueprints document's round trip: export -> parse -> "create" (applied in the plan's order
// to an empty team, simulated here with the create route's own rule that a relation's target
// must exist) -> export again gives the same text.

const service: ExportBlueprint = {
  id: 'service',
  title: 'Service',
  description: 'A deployable service',
  icon: '⚙️',
  // Author's order (not alphabetical) and names that are not safe object keys.
  schema: {
    type: 'object',
    required: ['tier'],
    properties: {
      tier: { type: 'string', enum: ['1', '2', 'yes', 'null'] },
      constructor: { type: 'string' },
      ['__proto__']: { type: 'object', properties: { toString: { type: 'number' } } },
      'url-ish': { type: 'string', format: 'uri', pattern: '^https?://' },
    },
  },
  relations: {
    runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one', required: true },
    depends_on: { title: null, target: 'service', type: 'many-to-many', required: false },
  },
};
const cluster: ExportBlueprint = {
  id: 'cluster',
  title: 'Cluster',
  description: null,
  icon: null,
  schema: { type: 'object', properties: { region: { type: 'string' }, multi: { type: 'string', default: 'a\nb: c' } } },
  relations: { owned_by: { title: 'Owner', target: 'team-x', type: 'many-to-one', required: false } },
};
// team-x -> cluster -> team-x: a cycle, broken at the smallest id.
const teamX: ExportBlueprint = {
  id: 'team-x',
  title: 'Team',
  description: 'People',
  icon: null,
  schema: { type: 'object', properties: {} },
  relations: { on_call_for: { title: null, target: 'cluster', type: 'one-to-many', required: false } },
};

/** An empty team that refuses relations to blueprints it does not have yet. */
function applyPlan(text: string): ExportBlueprint[] {
  const plan = parseBlueprintsYaml(text);
  const team = new Map<string, ExportBlueprint>();
  const view = (id: string, relations: RelationSpecs): RelationsView => {
    const out: RelationsView = {};
    for (const [rid, r] of Object.entries(relations)) {
      if (!team.has(r.target)) throw new Error(`${id}.${rid}: the team has no blueprint "${r.target}"`);
      out[rid] = { title: r.title ?? null, target: r.target, type: r.type ?? 'many-to-many', required: r.required ?? false };
    }
    return out;
  };
  for (const body of plan.create as CreateBlueprintInput[]) {
    team.set(body.id, {
      id: body.id,
      title: body.title,
      description: body.description ?? null,
      icon: body.icon ?? null,
      schema: body.schema,
      relations: {},
    });
    team.get(body.id)!.relations = view(body.id, body.relations ?? {});
  }
  for (const { id, relations } of plan.relate) team.get(id)!.relations = view(id, relations);
  return [...team.values()];
}

describe('blueprints document', () => {
  it('imports back to the same blueprints: export, import, export is identical text', () => {
    const first = toBlueprintsYaml([service, teamX, cluster]);
    const second = toBlueprintsYaml(applyPlan(first));
    expect(second).toBe(first);
  });

  it('keeps the schema order and odd property names', () => {
    const [imported] = applyPlan(toBlueprintsYaml([service, cluster, teamX])).filter((b) => b.id === 'service');
    const properties = imported.schema.properties as object;
    expect(Object.keys(properties)).toEqual(['tier', 'constructor', '__proto__', 'url-ish']);
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(imported.schema).toEqual(service.schema);
    expect(imported.relations).toEqual(service.relations);
  });

  it('creates targets first and defers only the relations that close a cycle', () => {
    const plan = parseBlueprintsYaml(toBlueprintsYaml([service, cluster, teamX]));
    expect(plan.create.map((b) => b.id)).toEqual(['cluster', 'service', 'team-x']);
    expect(plan.create[0].relations).toBeUndefined();
    expect(plan.relate).toEqual([
      { id: 'cluster', relations: { owned_by: { title: 'Owner', target: 'team-x', type: 'many-to-one', required: false } } },
    ]);
  });

  it('is one YAML document', () => {
    const text = toBlueprintsYaml([service]);
    expect(text).not.toMatch(/^---/m);
    expect(text).not.toMatch(/[&*]\w/); // no anchors or aliases
    expect(text.startsWith('kind: baseplate/blueprints\nversion: 1\n')).toBe(true);
  });

  it('refuses a wrong kind, a duplicate, an invalid body and an alias bomb with a 4xx', () => {
    const code = (text: string) => {
      try {
        parseBlueprintsYaml(text);
      } catch (error) {
        return error instanceof AppError ? `${error.status}` : `not an AppError: ${String(error)}`;
      }
      return 'accepted';
    };
    expect(code('kind: other\nversion: 1\nblueprints: []\n')).toBe('400');
    const one = '  - {id: a, title: A, schema: {type: object}}\n';
    expect(code(`kind: baseplate/blueprints\nversion: 1\nblueprints:\n${one}${one}`)).toBe('400');
    expect(code('kind: baseplate/blueprints\nversion: 1\nblueprints:\n  - {id: A!, title: A, schema: {}}\n')).toBe('422');
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(code(bomb.join('\n'))).toBe('400');
    expect(code(`${'['.repeat(20000)}${']'.repeat(20000)}`)).toBe('400');
    expect(code('a: [')).toBe('400');
  });
});
