import { describe, expect, it } from 'vitest';
import { buildAction, draftFromView, errorKey, inputErrors, moveStep } from './action-draft';
import type { ActionView } from './action-view';
import { blankStep } from './step-draft';

const view: ActionView = {
  identifier: 'deploy',
  title: 'Deploy',
  description: null,
  icon: '🚀',
  blueprint: 'service',
  trigger: 'day-2',
  condition: { combinator: 'and', rules: [{ property: 'tier', operator: '=', value: 'gold' }] },
  user_inputs: { type: 'object', properties: { env: { type: 'string', enum: ['staging', 'prod'] } }, required: ['env'] },
  steps: [
    {
      type: 'webhook',
      method: 'POST',
      url: 'https://ci.example/hook',
      headers: { 'X-Token': { secret: true }, 'X-Plain': 'a' },
      body: { env: '{{ inputs.env }}' },
      retries: 2,
    },
    { type: 'approval' },
  ],
  approval: { required: true, allow_self: false },
};

describe('the action draft', () => {
  it('gives back the saved action unchanged when nothing was edited', () => {
    const { body, problems } = buildAction(draftFromView(view), false);
    expect(problems.size).toBe(0);
    expect(body).toEqual({
      title: 'Deploy',
      description: null,
      icon: '🚀',
      blueprint: 'service',
      trigger: 'day-2',
      condition: view.condition,
      user_inputs: view.user_inputs,
      steps: view.steps,
      approval: { required: true, allow_self: false },
      enabled: true,
    });
  });

  it('keeps a stored secret header as {"secret": true} and sends a newly typed one with its value', () => {
    const draft = draftFromView(view);
    const step = draft.steps[0];
    if (step.type !== 'webhook') throw new Error('expected a webhook');
    expect(buildAction(draft, false).body.steps[0]).toMatchObject({ headers: { 'X-Token': { secret: true } } });
    step.headers[0] = { ...step.headers[0], value: 's3cr3t' };
    expect(buildAction(draft, false).body.steps[0]).toMatchObject({ headers: { 'X-Token': { secret: true, value: 's3cr3t' } } });
  });

  it('keeps a header named __proto__ as a header', () => {
    const draft = draftFromView(null, 'service');
    draft.steps = [
      { ...(blankStep('webhook', 'service') as Extract<ReturnType<typeof blankStep>, { type: 'webhook' }>), url: 'https://x.example' },
    ];
    const step = draft.steps[0];
    if (step.type !== 'webhook') throw new Error('expected a webhook');
    step.headers.push({ key: 'h', name: '__proto__', value: 'v', secret: false, stored: false });
    const headers = (buildAction(draft, false).body.steps[0] as { headers: Record<string, unknown> }).headers;
    expect(Object.keys(headers)).toEqual(['__proto__']);
    expect(JSON.stringify(headers)).toBe('{"__proto__":"v"}');
  });

  it('names what the browser can already tell is wrong, at the fields the server would name', () => {
    const draft = draftFromView(null, '');
    const step = draft.steps[0];
    if (step.type !== 'webhook') throw new Error('expected a webhook');
    step.body = '{"env": ';
    step.retries = '99';
    const { problems } = buildAction(draft, true);
    expect([...problems.keys()].sort()).toEqual(['blueprint', 'identifier', 'steps.0.body', 'steps.0.retries', 'steps.0.url', 'title']);
  });

  it('sends no condition for a create action, whatever the tree holds', () => {
    const draft = draftFromView(view);
    draft.trigger = 'create';
    expect(buildAction(draft, false).body.condition).toBeNull();
  });

  it('maps the API error paths to the fields of the editor', () => {
    expect(errorKey('/steps/0/url')).toBe('steps.0.url');
    expect(errorKey('/steps/2/body/name')).toBe('steps.2.body');
    expect(errorKey('/steps/1')).toBe('steps.1');
    expect(errorKey('condition.rules[0].operator')).toBe('condition');
    expect(errorKey('/user_inputs/properties/env/pattern')).toBe('inputs/properties/env/pattern');
    expect(errorKey('/title')).toBe('title');
    expect(errorKey('/approval/allow_self')).toBe('approval');
    expect(errorKey('/unknown')).toBe('');
    expect(
      inputErrors(
        new Map([
          ['inputs/properties/env', 'bad'],
          ['title', 'x'],
        ]),
      ),
    ).toEqual({ '/properties/env': 'bad' });
  });

  it('moves a step within the list and not past its ends', () => {
    const steps = draftFromView(view).steps;
    expect(moveStep(steps, 0, 1).map((s) => s.type)).toEqual(['approval', 'webhook']);
    expect(moveStep(steps, 0, -1)).toBe(steps);
  });
});
