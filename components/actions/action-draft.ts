import type { ActionStep, ApprovalPolicy, Trigger } from '@/lib/actions/action-types';
import { modelToSchema, schemaToModel, type SchemaModel } from '@/lib/blueprint-editor/schema-model';
import { emptyGroup, type Group } from '@/lib/catalog-view/rule-tree';
import type { QueryTree } from '@/lib/domain/scorecard-rules';
import { slugify } from '@/lib/web/slugify';
import { fromApiTree, isEmptyTree, toApiTree } from '@/components/scorecards/scorecard-query';
import type { ActionView } from './action-view';
import { blankStep, stepBody, stepFromView, type StepDraft } from './step-draft';

// The action editor's working copy: the form's fields, the inputs as the blueprint editor's
// schema model (so the property builder edits them unchanged), the condition as the catalog's
// rule tree (so the filter builder edits it), and the steps (step-draft.ts).

export type ActionDraft = {
  identifier: string;
  identifierTouched: boolean;
  title: string;
  description: string;
  icon: string;
  blueprint: string;
  trigger: Trigger;
  condition: Group;
  inputs: SchemaModel;
  steps: StepDraft[];
  approvalRequired: boolean;
  allowSelf: boolean;
  enabled: boolean;
};

export type ActionBody = {
  identifier?: string;
  title: string;
  description: string | null;
  icon: string | null;
  blueprint: string;
  trigger: Trigger;
  condition: QueryTree | null;
  user_inputs: Record<string, unknown>;
  steps: ActionStep[];
  approval: ApprovalPolicy | null;
  enabled: boolean;
};

export const IDENTIFIER_HINT = 'Lower-case letters, digits, - and _; used in URLs and the API, cannot change later.';

export function suggestIdentifier(title: string): string {
  return slugify(title).replace(/^[^a-z]+/, '');
}

export function draftFromView(view: ActionView | null, blueprint = ''): ActionDraft {
  if (!view) {
    return {
      identifier: '',
      identifierTouched: false,
      title: '',
      description: '',
      icon: '',
      blueprint,
      trigger: 'day-2',
      condition: emptyGroup(),
      inputs: { properties: [], extra: {} },
      steps: [blankStep('webhook', blueprint, 's0')],
      approvalRequired: false,
      allowSelf: false,
      enabled: true,
    };
  }
  return {
    identifier: view.identifier,
    identifierTouched: true,
    title: view.title,
    description: view.description ?? '',
    icon: view.icon ?? '',
    blueprint: view.blueprint,
    trigger: view.trigger,
    condition: fromApiTree(view.condition as QueryTree | null),
    inputs: schemaToModel(view.user_inputs ?? {}),
    steps: view.steps.map((s, i) => stepFromView(s, `s${i}`)),
    approvalRequired: view.approval?.required ?? false,
    allowSelf: view.approval?.allow_self ?? false,
    enabled: view.enabled ?? true,
  };
}

/** The body of POST (with the identifier) or PUT, and what the browser can tell is wrong first. */
export function buildAction(draft: ActionDraft, withIdentifier: boolean): { body: ActionBody; problems: Map<string, string> } {
  const problems = new Map<string, string>();
  if (withIdentifier && !/^[a-z][a-z0-9_-]{0,49}$/.test(draft.identifier)) problems.set('identifier', IDENTIFIER_HINT);
  if (!draft.title.trim()) problems.set('title', 'An action needs a title');
  if (!draft.blueprint) problems.set('blueprint', 'Pick a blueprint');
  if (draft.steps.length === 0) problems.set('steps', 'Add at least one step');
  const steps = draft.steps.map((s, i) => stepBody(s, i, problems));
  // A create action has no entity to test a condition on: the server refuses one (422).
  const condition = draft.trigger === 'create' || isEmptyTree(draft.condition) ? null : toApiTree(draft.condition);
  const body: ActionBody = {
    ...(withIdentifier ? { identifier: draft.identifier } : {}),
    title: draft.title.trim(),
    description: draft.description.trim() || null,
    icon: draft.icon || null,
    blueprint: draft.blueprint,
    trigger: draft.trigger,
    condition,
    user_inputs: modelToSchema(draft.inputs),
    steps,
    approval: draft.approvalRequired ? { required: true, allow_self: draft.allowSelf } : null,
    enabled: draft.enabled,
  };
  return { body, problems };
}

/**
 * An error path of the API (a 422 detail's JSON pointer `/steps/2/url`, `/user_inputs/properties/x`,
 * or a 400's `condition.rules[0].operator`) as the editor's key: `identifier`, `title`, ...,
 * `steps.N.<field>`, `steps.N`, `inputs<pointer>` (handed to the property builder), or '' when it
 * names nothing the editor shows.
 */
export function errorKey(path: string): string {
  if (path.startsWith('/user_inputs')) return `inputs${path.slice('/user_inputs'.length)}`;
  const parts = path.split(/[.[\]/]+/).filter(Boolean);
  const [head, index, field] = parts;
  if (head === 'steps') {
    if (index === undefined || !/^\d+$/.test(index)) return 'steps';
    return field ? `steps.${index}.${field}` : `steps.${index}`;
  }
  if (head === 'approval') return 'approval';
  const known = ['identifier', 'title', 'description', 'icon', 'blueprint', 'trigger', 'condition', 'enabled'];
  return head && known.includes(head) ? head : '';
}

/** The property builder's errors (pointers under the inputs schema) out of the editor's keys. */
export function inputErrors(errors: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of errors) if (key.startsWith('inputs')) out[key.slice('inputs'.length)] = message;
  return out;
}

/** Steps reordered: `index` moved by `delta`, nothing when it would leave the list. */
export function moveStep(steps: StepDraft[], index: number, delta: -1 | 1): StepDraft[] {
  const target = index + delta;
  if (target < 0 || target >= steps.length) return steps;
  const next = [...steps];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}
