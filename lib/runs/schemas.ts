import { bodySchema } from '@/lib/http/request-body';
import type { ApprovalInput, RunReport } from './change-run';
import type { RunRequest } from './ask-run';
import type { LogInput } from './run-logs';

// Request bodies of the run routes (API.md "Actions and runs"), checked at the edge; inputs are
// checked against the action's form inside the service.

export const runRequestBody = bodySchema<RunRequest>({
  type: 'object',
  additionalProperties: false,
  properties: {
    entity: { type: 'string', minLength: 1, maxLength: 255, description: 'The entity acted on (day-2 and delete actions).' },
    inputs: { type: 'object', description: "Values for the action's user_inputs form." },
    idempotency_key: { type: 'string', minLength: 1, maxLength: 200, description: 'The same key again answers the same run (200).' },
  },
});

export const runReportBody = bodySchema<RunReport>({
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['succeeded', 'failed', 'cancelled'], description: 'A final status: the run ends.' },
    link: { type: ['string', 'null'], maxLength: 2048, pattern: '^https?://', description: 'An http(s) URL, e.g. the CI job of the run.' },
    summary: { type: ['string', 'null'], maxLength: 10000 },
  },
});

export const runLogBody = bodySchema<LogInput>({
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: {
    message: { type: 'string', minLength: 1, maxLength: 10000 },
    level: { type: 'string', enum: ['debug', 'info', 'warn', 'error'] },
  },
});

export const approvalBody = bodySchema<ApprovalInput>({
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: {
    decision: { type: 'string', enum: ['approve', 'reject'] },
    comment: { type: ['string', 'null'], maxLength: 2000 },
  },
});
