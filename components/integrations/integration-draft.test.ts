import { describe, expect, it } from 'vitest';
import type { IntegrationView } from '@/lib/integrations/integration-view';
import { buildIntegration, draftFromView, newKey, rowPath } from './integration-draft';
import { headerPath, newHeaderRow } from './pull-draft';

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
      settings: {},
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

  it('sends http-pull settings: a stored header as null (kept), a typed value as itself, problems at the API paths', () => {
    const pulled: IntegrationView = {
      ...view,
      kind: 'http-pull',
      settings: { url: 'https://example.com/repos.json', interval_minutes: 15, mode: 'full', headers: { Authorization: null } },
    };
    const draft = draftFromView(pulled, 'service');
    expect(buildIntegration(draft, false).body.settings).toEqual(pulled.settings);
    draft.pull.headers.push({ ...newHeaderRow(), name: 'X-Token', value: 'abc' });
    expect(buildIntegration(draft, false).body.settings).toMatchObject({ headers: { Authorization: null, 'X-Token': 'abc' } });
    draft.pull.url = 'ftp://example.com';
    draft.pull.intervalMinutes = '2';
    draft.pull.headers.push({ ...newHeaderRow(), name: 'X-Empty' }, { ...newHeaderRow(), name: 'Host', value: 'x' });
    const { problems } = buildIntegration(draft, false);
    expect(problems.get('/settings/url')).toMatch(/http/);
    expect(problems.get('/settings/interval_minutes')).toMatch(/5 to 10080/);
    expect(problems.get(headerPath('X-Empty'))).toMatch(/value/);
    expect(problems.get(headerPath('Host'))).toMatch(/client/);
    // Another kind's settings go back as they came.
    expect(buildIntegration(draftFromView({ ...view, settings: { a: 1 } }, 'service'), false).body.settings).toEqual({ a: 1 });
  });
});
