import { env } from '@/lib/env';
import { checkOutboundUrl } from '@/lib/net/check-outbound-url';
import { OutboundRefused } from '@/lib/net/outbound-errors';
import { checkTemplate, hasExpressions, type TemplateFault } from './template';

// The checks of an action's steps that the body schema cannot make (action-schemas.ts has the
// shapes): a webhook URL without a template passes lib/net's static checks now (scheme,
// credentials, an IP literal in a private range unless BASEPLATE_OUTBOUND_ALLOW allows it; names
// are resolved and checked again by the runner at send time, after rendering); header names are
// HTTP tokens and not ones Baseplate sets itself; every template compiles. Faults are JSON
// pointers into the body (`/steps/0/body/name`).

type Step = Record<string, unknown> & { type: string };

const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);
const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function headerFaults(headers: Record<string, unknown>, at: string): TemplateFault[] {
  const faults: TemplateFault[] = [];
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const path = `${at}/headers/${token(name)}`;
    const lower = name.toLowerCase();
    if (!HEADER_TOKEN.test(name)) faults.push({ path, message: "a header name is an HTTP token (letters, digits, and !#$%&'*+.^_`|~-)" });
    else if (RESERVED_HEADERS.has(lower) || lower.startsWith('x-baseplate-')) {
      faults.push({ path, message: `"${name}" is set by Baseplate itself and cannot be given` });
    } else if (seen.has(lower)) faults.push({ path, message: `"${name}" is given twice (header names ignore case)` });
    seen.add(lower);
    if (typeof value === 'string') faults.push(...checkTemplate(value, path));
  }
  return faults;
}

function urlFaults(url: string, at: string): TemplateFault[] {
  if (hasExpressions(url)) return checkTemplate(url, `${at}/url`);
  try {
    checkOutboundUrl(url, env().outboundAllow);
    return [];
  } catch (error) {
    if (error instanceof OutboundRefused) return [{ path: `${at}/url`, message: error.message }];
    throw error;
  }
}

/** The faults of the steps (JSON pointers), and the blueprints their catalog steps name, to check in the team. */
export function checkActionSteps(steps: Step[]): { faults: TemplateFault[]; blueprints: Array<{ path: string; blueprint: string }> } {
  const faults: TemplateFault[] = [];
  const blueprints: Array<{ path: string; blueprint: string }> = [];
  steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    if (step.type === 'webhook') {
      faults.push(...urlFaults(String(step.url), at));
      if (step.headers) faults.push(...headerFaults(step.headers as Record<string, unknown>, at));
      if (step.body !== undefined) faults.push(...checkTemplate(step.body, `${at}/body`));
      if (step.report_timeout_s !== undefined && step.wait_for_report !== true) {
        faults.push({ path: `${at}/report_timeout_s`, message: 'only with "wait_for_report": true' });
      }
    } else if (step.type === 'upsert-entity' || step.type === 'delete-entity') {
      blueprints.push({ path: `${at}/blueprint`, blueprint: String(step.blueprint) });
      for (const key of ['identifier', 'title', 'data', 'relations']) {
        if (step[key] !== undefined) faults.push(...checkTemplate(step[key], `${at}/${key}`));
      }
    }
  });
  return { faults, blueprints };
}
