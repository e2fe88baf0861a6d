import { WEBHOOK_LIMITS, type ActionStep, type HeaderInput, type WebhookMethod } from '@/lib/actions/action-types';

// One step of the action editor's working copy. JSON-valued settings (a webhook body, an upsert's
// data and relations) are kept as the text the person types, and parsed when the body is built,
// so a half-typed object is never lost; numbers are kept as text for the same reason.

export type HeaderDraft = {
  key: string;
  name: string;
  value: string;
  secret: boolean;
  /** A secret the server already holds: left empty, the saved value is kept (`{"secret": true}`). */
  stored: boolean;
};

export type StepDraft =
  | {
      key: string;
      type: 'webhook';
      method: WebhookMethod;
      url: string;
      headers: HeaderDraft[];
      body: string;
      timeoutMs: string;
      retries: string;
      waitForReport: boolean;
      reportTimeoutS: string;
    }
  | { key: string; type: 'upsert-entity'; blueprint: string; identifier: string; title: string; data: string; relations: string }
  | { key: string; type: 'delete-entity'; blueprint: string; identifier: string }
  | { key: string; type: 'approval' };

export type StepType = StepDraft['type'];
export const STEP_TYPES: Array<[StepType, string]> = [
  ['webhook', 'Call a webhook'],
  ['upsert-entity', 'Create or update an entity'],
  ['delete-entity', 'Delete an entity'],
  ['approval', 'Wait for an approval'],
];

let counter = 0;
export const newKey = (prefix: string) => `${prefix}n${(counter += 1)}`;

const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

export function blankStep(type: StepType, blueprint: string, key = newKey('s')): StepDraft {
  switch (type) {
    case 'webhook':
      return {
        key,
        type,
        method: 'POST',
        url: '',
        headers: [],
        body: '',
        timeoutMs: String(WEBHOOK_LIMITS.defaultTimeoutMs),
        retries: String(WEBHOOK_LIMITS.defaultRetries),
        waitForReport: false,
        reportTimeoutS: '',
      };
    case 'upsert-entity':
      return { key, type, blueprint, identifier: '{{ inputs.identifier }}', title: '', data: '{}', relations: '' };
    case 'delete-entity':
      return { key, type, blueprint, identifier: '{{ entity.identifier }}' };
    case 'approval':
      return { key, type };
  }
}

function headerDraft(name: string, value: HeaderInput, key: string): HeaderDraft {
  if (typeof value === 'string') return { key, name, value, secret: false, stored: false };
  return { key, name, value: value.value ?? '', secret: true, stored: value.value === undefined };
}

/** A saved step as the editor holds it (keys from positions, so server and browser renders agree). */
export function stepFromView(step: ActionStep, key: string): StepDraft {
  switch (step.type) {
    case 'webhook':
      return {
        key,
        type: 'webhook',
        method: step.method,
        url: step.url,
        headers: Object.entries(step.headers ?? {}).map(([name, value], i) => headerDraft(name, value, `${key}h${i}`)),
        body: json(step.body),
        timeoutMs: step.timeout_ms === undefined ? '' : String(step.timeout_ms),
        retries: step.retries === undefined ? '' : String(step.retries),
        waitForReport: step.wait_for_report ?? false,
        reportTimeoutS: step.report_timeout_s === undefined ? '' : String(step.report_timeout_s),
      };
    case 'upsert-entity':
      return {
        key,
        type: 'upsert-entity',
        blueprint: step.blueprint,
        identifier: step.identifier,
        title: step.title ?? '',
        data: json(step.data),
        relations: json(step.relations),
      };
    case 'delete-entity':
      return { key, type: 'delete-entity', blueprint: step.blueprint, identifier: step.identifier };
    default:
      return { key, type: 'approval' };
  }
}

type Problems = Map<string, string>;

function parseJson(text: string, at: string, problems: Problems): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.set(at, `Not valid JSON: ${error instanceof Error ? error.message : 'cannot be read'}`);
    return undefined;
  }
}

function parseInteger(text: string, at: string, min: number, max: number, problems: Problems): number | undefined {
  if (!text.trim()) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) problems.set(at, `A whole number from ${min} to ${max}`);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * A step as the API takes it, with what the browser can already tell is wrong, keyed like the
 * server's paths (`steps.N.<field>`). Header names are user-chosen: the headers object is built
 * with own properties only.
 */
export function stepBody(step: StepDraft, i: number, problems: Problems): ActionStep {
  const at = (field: string) => `steps.${i}.${field}`;
  switch (step.type) {
    case 'webhook': {
      const headers: Record<string, HeaderInput> = Object.create(null);
      const seen = new Set<string>();
      for (const h of step.headers) {
        const name = h.name.trim();
        if (!name) problems.set(at('headers'), 'A header needs a name');
        else if (seen.has(name.toLowerCase())) problems.set(at('headers'), `The header ${name} is set twice`);
        seen.add(name.toLowerCase());
        const value: HeaderInput = h.secret ? (h.stored && !h.value ? { secret: true } : { secret: true, value: h.value }) : h.value;
        Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
      }
      if (!step.url.trim()) problems.set(at('url'), 'A webhook needs a URL');
      const body = parseJson(step.body, at('body'), problems);
      const timeout = parseInteger(step.timeoutMs, at('timeout_ms'), 1, WEBHOOK_LIMITS.maxTimeoutMs, problems);
      const retries = parseInteger(step.retries, at('retries'), 0, WEBHOOK_LIMITS.maxRetries, problems);
      const report = step.waitForReport
        ? parseInteger(step.reportTimeoutS, at('report_timeout_s'), 1, WEBHOOK_LIMITS.maxReportTimeoutS, problems)
        : undefined;
      return {
        type: 'webhook',
        method: step.method,
        url: step.url.trim(),
        ...(step.headers.length ? { headers: { ...headers } } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(timeout !== undefined ? { timeout_ms: timeout } : {}),
        ...(retries !== undefined ? { retries } : {}),
        ...(step.waitForReport ? { wait_for_report: true } : {}),
        ...(report !== undefined ? { report_timeout_s: report } : {}),
      };
    }
    case 'upsert-entity': {
      if (!step.blueprint) problems.set(at('blueprint'), 'Pick a blueprint');
      if (!step.identifier.trim()) problems.set(at('identifier'), 'An identifier (or a template) is required');
      const data = parseJson(step.data, at('data'), problems);
      const relations = parseJson(step.relations, at('relations'), problems);
      return {
        type: 'upsert-entity',
        blueprint: step.blueprint,
        identifier: step.identifier.trim(),
        ...(step.title.trim() ? { title: step.title.trim() } : {}),
        ...(data !== undefined ? { data } : {}),
        ...(relations !== undefined ? { relations } : {}),
      };
    }
    case 'delete-entity':
      if (!step.blueprint) problems.set(at('blueprint'), 'Pick a blueprint');
      if (!step.identifier.trim()) problems.set(at('identifier'), 'An identifier (or a template) is required');
      return { type: 'delete-entity', blueprint: step.blueprint, identifier: step.identifier.trim() };
    default:
      return { type: 'approval' };
  }
}
