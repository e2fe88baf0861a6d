import { describe, expect, it } from 'vitest';
import type { IntegrationView } from '@/lib/integrations/integration-view';
import { buildIntegration, draftFromView, newKey, rowPath } from './integration-draft';

const view: IntegrationView = {
  identifier: 'github',
  title: 'GitHub',
  kind: 'webhook',
  settings: {},
  enabled: true,
  deletion_threshold: 0.25,
  mappings: [
    {
      blueprint: 'service',
      selector: 'kind = "repo"',
      items_to_parse: null,
      entity: { identifier: 'name', title: 'full_name', properties: { language: 'language' }, relations: { owner: 'team' } },
    },
  ],
  last_sync: null,
  next_pull_at: null,
  created_at: '2026-12-07T00:00:00.000Z',
  updated_at: '2026-12-07T00:00:00.000Z',
};

describe('the integration editor draft', () => {
  it('gives back the body it was made from', () => {
    const { body, problems } = buildIntegration(draftFromView(view, 'service'), false);
    expect(problems.size).toBe(0);
    expect(body).toEqual({
      identifier: 'github',
      title: 'GitHub',
      kind: 'webhook',
      enabled: true,
      deletion_threshold: 0.25,
      mappings: view.mappings,
    });
  });

  it('flags what the server would refuse, at the API paths, with the server compiler', () => {
    const draft = draftFromView(null, 'service');
    draft.identifier = 'Bad Id';
    draft.thresholdPercent = '150';
    draft.mappings[0].identifier = 'name & (';
    draft.mappings[0].properties = [
      { key: newKey(), name: 'lang', expression: 'language' },
      { key: newKey(), name: 'lang', expression: 'other' },
    ];
    const { problems } = buildIntegration(draft, true);
    expect(problems.get('/identifier')).toMatch(/letters/);
    expect(problems.get('/title')).toMatch(/title/);
    expect(problems.get('/deletion_threshold')).toMatch(/0 to 100/);
    expect(problems.get('/mappings/0/entity/identifier')).toMatch(/does not compile/);
    expect(problems.get(rowPath(0, 'properties', 'lang'))).toMatch(/twice/);
  });

  it('keeps property names such as __proto__ as data', () => {
    const draft = draftFromView(null, 'service');
    draft.title = 'x';
    draft.identifier = 'x';
    draft.mappings[0].properties = [{ key: newKey(), name: '__proto__', expression: 'a' }];
    const { body, problems } = buildIntegration(draft, true);
    expect(problems.size).toBe(0);
    expect(Object.keys(body.mappings[0].entity.properties ?? {})).toEqual(['__proto__']);
  });
});
