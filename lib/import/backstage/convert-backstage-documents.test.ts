import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBlueprintSchema } from '@/lib/blueprints/check-blueprint-schema';
import { createBlueprintBody } from '@/lib/blueprints/schemas';
import { validateBody } from '@/lib/http/request-body';
import type { MappedEntity } from '@/lib/ingest/mapped-entity';
import { parseImportFile } from '../parse-import-file';
import { MAX_WARNINGS, convertBackstageDocuments } from './convert-backstage-documents';

// The realistic catalog of e2e/fixtures/backstage (dozens of entities of every kind) converts to
// the expected entities and links; blueprints are valid create bodies; odd documents are warned
// about, never fatal.

const fixture = readFileSync(path.resolve(import.meta.dirname, '../../../e2e/fixtures/backstage/catalog-info.yaml'), 'utf8');
const converted = convertBackstageDocuments(parseImportFile(fixture, 'application/yaml'));
const find = (blueprint: string, identifier: string): MappedEntity => {
  const record = converted.records.find((r) => r.blueprint === blueprint && r.identifier === identifier);
  if (!record) throw new Error(`no ${blueprint} ${identifier}`);
  return record;
};

describe('convertBackstageDocuments on the fixture', () => {
  it('gives the expected count per kind', () => {
    const counts: Record<string, number> = {};
    for (const r of converted.records) counts[r.blueprint] = (counts[r.blueprint] ?? 0) + 1;
    expect(counts).toEqual({ group: 8, user: 10, domain: 4, system: 7, component: 17, api: 8, resource: 9 });
  });

  it('warns about the Location, the Template, a placeholder definition and a ref outside the file, and nothing else', () => {
    expect(converted.warnings).toHaveLength(4);
    expect(converted.warnings[0]).toMatch(/^document 1: Location "acme-repositories" ignored: Baseplate does not follow/);
    expect(converted.warnings).toContainEqual(expect.stringMatching(/kind "Template" is not imported/));
    expect(converted.warnings).toContainEqual(expect.stringMatching(/recommendations-api\): spec.definition is not text/));
    expect(converted.warnings).toContainEqual(
      expect.stringMatching(
        /^document \d+ \(component:default\/legacy-billing\): spec.dependsOn: "resource:default\/legacy-oracle" is not in this import; the link needs it to exist in the team already$/,
      ),
    );
  });

  it('links a component as its spec says: owner, system, APIs, components and resources apart', () => {
    const checkout = find('component', 'checkout-service');
    expect(checkout.title).toBe('checkout-service');
    expect(checkout.relations).toEqual({
      owner: 'checkout-team',
      ownerUser: null,
      system: 'checkout',
      subcomponentOf: null,
      providesApis: ['checkout-api'],
      consumesApis: ['payments-api', 'catalog-api'],
      dependsOn: ['cart-service'],
      dependsOnResources: ['checkout-db', 'events-topic'],
    });
    expect(checkout.properties).toMatchObject({
      namespace: 'default',
      type: 'service',
      lifecycle: 'production',
      ownerRef: 'group:default/checkout-team',
      tags: ['java'],
      annotations: { 'github.com/project-slug': 'acme/checkout-service', 'backstage.io/techdocs-ref': 'dir:.' },
      links: [{ url: 'https://grafana.acme.example/d/checkout-service', title: 'Dashboard', icon: 'dashboard' }],
    });
  });

  it('links a user owner through ownerUser and keeps the full ref in ownerRef', () => {
    const fraud = find('component', 'fraud-detector');
    expect(fraud.relations).toMatchObject({
      owner: null,
      ownerUser: 'alice',
      subcomponentOf: 'payments-gateway',
      consumesApis: ['events-api'],
    });
    expect(fraud.properties.ownerRef).toBe('user:default/alice');
    expect(find('component', 'design-system').relations).toMatchObject({ ownerUser: 'carol' });
  });

  it('resolves namespaces: identifiers namespace/name, defaults from the referring entity', () => {
    const vault = find('component', 'corp/vault-proxy');
    expect(vault.relations).toMatchObject({
      owner: 'corp/security',
      system: 'identity',
      consumesApis: ['auth-api'],
      dependsOn: ['auth-service'],
    });
    expect(vault.properties).toMatchObject({ namespace: 'corp', ownerRef: 'group:corp/security' });
    expect(find('user', 'corp/sam').relations).toEqual({ memberOf: ['corp/security'] });
    expect(find('group', 'corp/security').relations).toEqual({ parent: 'engineering' });
  });

  it('compares refs case-insensitively', () => {
    expect(find('component', 'legacy-billing').relations).toMatchObject({ owner: 'payments-team', dependsOnResources: ['legacy-oracle'] });
    expect(find('component', 'legacy-billing').title).toBe('Legacy billing (being retired)');
  });

  it('applies relations stated from the other side: children, members, dependencyOf', () => {
    expect(find('group', 'data-team').relations).toEqual({ parent: 'engineering' });
    expect(find('group', 'engineering').relations).toEqual({ parent: 'acme' });
    expect(find('user', 'leo').relations).toEqual({ memberOf: ['checkout-team'] });
    expect(find('component', 'auth-service').relations).toMatchObject({ dependsOnResources: ['sessions-cache'] });
  });

  it('links systems to domains, subdomains to domains, groups to parents and users to groups', () => {
    expect(find('system', 'payments').relations).toEqual({ owner: 'payments-team', ownerUser: null, domain: 'payments' });
    expect(find('domain', 'payments').relations).toEqual({ owner: 'payments-team', ownerUser: null, subdomainOf: 'commerce' });
    expect(find('group', 'sre').relations).toEqual({ parent: 'platform-team' });
    expect(find('user', 'grace').relations).toEqual({ memberOf: ['data-team', 'platform-team'] });
    expect(find('user', 'grace').title).toBe('Grace Kim');
    expect(find('group', 'acme').properties).toMatchObject({
      type: 'organization',
      displayName: 'Acme Corp',
      email: 'everyone@acme.example',
    });
  });

  it('keeps the API definition text', () => {
    expect(find('api', 'payments-api').properties.definition).toMatch(/^openapi: 3\.0\.3\ninfo:\n {2}title: payments-api/);
    expect(find('api', 'recommendations-api').properties.definition).toBeUndefined();
  });

  it('links only to entities of the import, but for the one ref outside it', () => {
    const ids = new Set(converted.records.map((r) => `${r.identifier}`));
    const missing = converted.records.flatMap((r) =>
      Object.values(r.relations ?? {})
        .flat()
        .filter((t): t is string => typeof t === 'string' && !ids.has(t)),
    );
    expect(missing).toEqual(['legacy-oracle']);
  });

  it('produces blueprints that are valid create bodies, whose schemas every record passes', () => {
    expect(converted.blueprints.map((b) => b.id)).toEqual(['group', 'user', 'domain', 'system', 'api', 'component', 'resource']);
    for (const blueprint of converted.blueprints) {
      expect(() => validateBody(createBlueprintBody, blueprint)).not.toThrow();
      const validate = checkBlueprintSchema(blueprint.schema);
      const properties = Object.keys(blueprint.schema.properties as object);
      for (const relation of Object.keys(blueprint.relations ?? {})) expect(properties).not.toContain(relation);
      for (const record of converted.records.filter((r) => r.blueprint === blueprint.id)) {
        expect(validate(record.properties), `${record.identifier}: ${JSON.stringify(validate.errors)}`).toBe(true);
        expect(Object.keys(record.relations ?? {}).sort()).toEqual(Object.keys(blueprint.relations ?? {}).sort());
      }
    }
    expect(converted.blueprints.find((b) => b.id === 'component')?.relations?.owner).toEqual({
      title: 'Owner (group)',
      target: 'group',
      type: 'many-to-one',
    });
  });
});

describe('convertBackstageDocuments on odd documents', () => {
  const entity = (kind: string, name: string, spec: object = {}, metadata: object = {}) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, ...metadata },
    spec,
  });

  it('skips what it cannot import with a warning naming the document, and keeps the rest', () => {
    const out = convertBackstageDocuments([
      'text',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } },
      entity('Component', ''),
      entity('Component', 'ok', { owner: 'team-a', dependsOn: ['cart', 'api:payments'], system: 'group:oops' }),
      entity('component', 'OK'),
      entity('Component', 'bad name!'),
    ]);
    expect(out.records.map((r) => r.identifier)).toEqual(['ok']);
    expect(out.warnings).toEqual([
      'document 1: not a Backstage entity (apiVersion backstage.io/...); skipped',
      'document 2: not a Backstage entity (apiVersion backstage.io/...); skipped',
      'document 3: metadata.name is missing; skipped',
      'document 5 (component:default/ok): the same entity as document 4; skipped (the first is kept)',
      'document 6 (component:default/bad name!): "bad name!" cannot be a Baseplate identifier (letters, digits and . _ : @ / + -, up to 255); skipped',
      'document 4 (component:default/ok): spec.owner: "group:default/team-a" is not in this import; the link needs it to exist in the team already',
      'document 4 (component:default/ok): spec.system: "group:default/oops" is of kind group, which spec.system cannot link in Baseplate; not kept',
      'document 4 (component:default/ok): spec.dependsOn: entity ref "cart" has no kind (write it: "component:cart")',
      'document 4 (component:default/ok): spec.dependsOn: "api:default/payments" is of kind api, which spec.dependsOn cannot link in Baseplate; not kept',
    ]);
    expect(out.records[0].relations).toMatchObject({ owner: 'team-a', system: null, dependsOn: [] });
  });

  it('lets an entity’s own parent win over another group’s children list', () => {
    const out = convertBackstageDocuments([
      entity('Group', 'a', { children: ['c'] }),
      entity('Group', 'b'),
      entity('Group', 'c', { parent: 'b' }),
    ]);
    expect(out.records.find((r) => r.identifier === 'c')?.relations).toEqual({ parent: 'b' });
    expect(out.warnings).toEqual(['document 3 (group:default/c): parent is already "b"; "a" is not kept']);
  });

  it(`keeps at most ${MAX_WARNINGS} warnings and counts the rest`, () => {
    const out = convertBackstageDocuments(Array.from({ length: MAX_WARNINGS + 5 }, () => 'text'));
    expect(out.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(out.warnings.at(-1)).toBe('... and 5 more warnings (MAX_WARNINGS)');
  });

  it('keeps user-chosen keys (`__proto__` annotations) as own keys', () => {
    const doc = entity('Resource', 'db', {}, { annotations: JSON.parse('{"__proto__": "x", "a": "b"}') });
    const [record] = convertBackstageDocuments([doc]).records;
    expect(Object.keys(record.properties.annotations as object)).toEqual(['__proto__', 'a']);
  });

  it('maps kinds onto other blueprint ids, relation targets included', () => {
    const out = convertBackstageDocuments([entity('Component', 'web', { owner: 'team' })], {
      blueprintIds: { component: 'service', group: 'team' },
    });
    expect(out.records[0].blueprint).toBe('service');
    const service = out.blueprints.find((b) => b.id === 'service');
    expect(service?.relations?.owner.target).toBe('team');
    expect(service?.relations?.dependsOn.target).toBe('service');
  });
});
