import { WEBHOOK_LIMITS, type StoredHeader, type WebhookStep } from '@/lib/actions/action-types';
import { renderTemplate, TemplateError } from '@/lib/actions/template';
import { openSigningSecret } from '@/lib/actions/load-action';
import { openHeaderSecret } from '@/lib/actions/seal-action-headers';
import type { Db } from '@/lib/db/prisma';
import { guardedFetch } from '@/lib/net/guarded-fetch';
import { OutboundError, OutboundRefused } from '@/lib/net/outbound-errors';
import type { OutboundAllowlist } from '@/lib/net/outbound-allowlist';
import { signWebhook } from '@/lib/net/sign-webhook';
import { runSql } from '@/lib/db/run-sql';
import type { RunScope } from './run-scope';
import { signingSecretRow, signingSecretSql } from './runs.sql';
import type { StepLog, StepOutcome } from './step-outcome';

// A webhook step (API.md "Actions and runs"). The request body is the step's `body` rendered over
// the run's scope, or, without one, {run, action, inputs, entity, actor}; either way a JSON object
// body carries the run ({id, token, ...}) under `run` (added when the rendered body has no `run`
// of its own), so the receiver can always report back. Signed with the action's signing secret
// (read when the request is made: a rotation applies at once). 2xx: done; 4xx: fails at once; 5xx,
// a timeout or a network fault: retried with backoff up to `retries`; a refused address (SSRF
// guard): fails at once. Log lines name the origin only (a path or query may carry a secret) and
// never a header value.

export type WebhookOptions = { allowlist?: OutboundAllowlist; retryBaseSeconds: number };

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
};

/** Backoff before attempt `attempt + 1`: base, 2 x base, 4 x base..., at most 5 minutes. */
export function retryDelaySeconds(attempt: number, base: number): number {
  return Math.min(300, base * 2 ** Math.max(0, attempt - 1));
}

async function signingSecretOf(db: Db, teamId: string, actionId: string): Promise<string | null> {
  const [row] = await runSql(db, signingSecretSql(teamId, actionId), signingSecretRow);
  return row?.signingSecret ? openSigningSecret(row) : null;
}

async function headersOf(step: WebhookStep<StoredHeader>, scope: RunScope, actionId: string): Promise<[string, string][]> {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(step.headers ?? {})) {
    if (typeof value === 'string') pairs.push([name, String(await renderTemplate(value, scope, `headers.${name}`))]);
    else pairs.push([name, openHeaderSecret(actionId, value)]);
  }
  return pairs;
}

async function bodyOf(step: WebhookStep<StoredHeader>, scope: RunScope, action: { identifier: string; title: string }): Promise<unknown> {
  if (step.body === undefined) return { run: scope.run, action, inputs: scope.inputs, entity: scope.entity, actor: scope.actor };
  const rendered = await renderTemplate(step.body, scope, 'body');
  const isObject = typeof rendered === 'object' && rendered !== null && !Array.isArray(rendered);
  return isObject && !Object.hasOwn(rendered, 'run') ? { ...rendered, run: scope.run } : rendered;
}

export async function executeWebhookStep(
  db: Db,
  run: { teamId: string; actionId: string; action: { identifier: string; title: string } },
  step: WebhookStep<StoredHeader>,
  scope: RunScope,
  attempt: number,
  options: WebhookOptions,
  log: StepLog,
): Promise<StepOutcome> {
  const retries = Math.min(step.retries ?? WEBHOOK_LIMITS.defaultRetries, WEBHOOK_LIMITS.maxRetries);
  let url: string;
  let request: { method: string; headers: [string, string][]; body: string | undefined };
  try {
    url = String(await renderTemplate(step.url, scope, 'url'));
    const body = step.method === 'GET' ? undefined : JSON.stringify(await bodyOf(step, scope, run.action));
    const secret = await signingSecretOf(db, run.teamId, run.actionId);
    if (!secret) return { kind: 'fail', message: 'the action has no signing secret: rotate it to make one' };
    const signature = signWebhook(secret, body ?? '');
    request = {
      method: step.method,
      headers: [['content-type', 'application/json'], ...(await headersOf(step, scope, run.actionId)), ...Object.entries(signature)],
      body,
    };
  } catch (error) {
    if (error instanceof TemplateError) return { kind: 'fail', message: `the step's template at ${error.path} failed: ${error.message}` };
    throw error;
  }
  const where = `${step.method} ${originOf(url)}`;
  const timeoutMs = Math.min(step.timeout_ms ?? WEBHOOK_LIMITS.defaultTimeoutMs, WEBHOOK_LIMITS.maxTimeoutMs);
  const canRetry = attempt <= retries;
  const retryIn = retryDelaySeconds(attempt, options.retryBaseSeconds);
  try {
    const response = await guardedFetch(url, { ...request, timeoutMs, allowlist: options.allowlist });
    const kept = response.body.slice(0, WEBHOOK_LIMITS.keptResponseChars);
    const output = { status: response.status, body: kept };
    await log(
      response.status < 400 ? 'info' : 'warn',
      `attempt ${attempt} of ${retries + 1}: ${where} answered ${response.status}${kept ? `: ${kept}` : ''}`,
    );
    if (response.status >= 200 && response.status < 300) {
      if (!step.wait_for_report) return { kind: 'done', output };
      const seconds = Math.min(step.report_timeout_s ?? WEBHOOK_LIMITS.defaultReportTimeoutS, WEBHOOK_LIMITS.maxReportTimeoutS);
      return { kind: 'wait_report', deadline: new Date(Date.now() + seconds * 1000), output };
    }
    if (response.status >= 500 && canRetry) {
      await log('info', `retrying in ${retryIn} s`);
      return { kind: 'retry', delaySeconds: retryIn, output };
    }
    return { kind: 'fail', message: `${where} answered ${response.status}`, output };
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    if (error instanceof OutboundRefused) {
      await log('error', `attempt ${attempt}: refused, not sent (${error.reason}): ${error.message}`);
      return { kind: 'fail', message: `the webhook URL was refused (${error.reason}): ${error.message}` };
    }
    await log('warn', `attempt ${attempt} of ${retries + 1}: ${where} failed (${error.reason}): ${error.message}`);
    if (canRetry) {
      await log('info', `retrying in ${retryIn} s`);
      return { kind: 'retry', delaySeconds: retryIn };
    }
    return { kind: 'fail', message: `${where} failed after ${attempt} attempt(s) (${error.reason}): ${error.message}` };
  }
}
