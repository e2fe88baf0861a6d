import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { AppError } from '@/lib/errors';
import type { ActionStep, HeaderInput, StoredHeader, StoredStep } from './action-types';

// Secret header values of webhook steps: sealed at rest (lib/crypto/secret-box.ts, bound to the
// action by the context `action:<id>:header`), shown as `{"secret": true}`, never returned.
// `{"secret": true}` without a value on PUT / PATCH keeps the value stored for the same header
// name (any case) of the step at the same position; there must be one (422 otherwise).

export const headerSecretContext = (actionId: string) => `action:${actionId}:header`;

type Step = Record<string, unknown> & { type: string };

function storedHeaderOf(previous: StoredStep[] | null, index: number, name: string): { sealed: string } | null {
  const step = previous?.[index];
  if (!step || step.type !== 'webhook' || !step.headers) return null;
  for (const [key, value] of Object.entries(step.headers)) {
    if (key.toLowerCase() === name.toLowerCase() && typeof value === 'object' && value !== null) return value;
  }
  return null;
}

/** The steps as stored: secret header values sealed (or kept from `previous`). */
export function sealSteps(steps: Step[], actionId: string, previous: StoredStep[] | null): StoredStep[] {
  const faults: Array<{ path: string; message: string }> = [];
  const sealed = steps.map((step, i) => {
    if (step.type !== 'webhook' || !step.headers) return step as unknown as StoredStep;
    const headers: Record<string, StoredHeader> = Object.create(null);
    for (const [name, value] of Object.entries(step.headers as Record<string, HeaderInput>)) {
      if (typeof value === 'string') headers[name] = value;
      else if (value.value !== undefined) headers[name] = { sealed: sealSecret(value.value, headerSecretContext(actionId)) };
      else {
        const kept = storedHeaderOf(previous, i, name);
        if (kept) headers[name] = kept;
        else
          faults.push({ path: `/steps/${i}/headers/${name}`, message: 'no secret value is stored for this header here: give its "value"' });
      }
    }
    return { ...step, headers: { ...headers } } as unknown as StoredStep;
  });
  if (faults.length) throw new AppError('validation_failed', 'a secret header has no value', faults);
  return sealed;
}

/** The steps as answers show them: each sealed value as `{"secret": true}`. */
export function maskSteps(steps: StoredStep[]): ActionStep[] {
  return steps.map((step) => {
    if (step.type !== 'webhook' || !step.headers) return step as ActionStep;
    const headers: Record<string, HeaderInput> = Object.create(null);
    for (const [name, value] of Object.entries(step.headers)) headers[name] = typeof value === 'string' ? value : { secret: true };
    return { ...step, headers: { ...headers } };
  });
}

/** A sealed header value opened (the runner's, at send time). */
export function openHeaderSecret(actionId: string, header: { sealed: string }): string {
  return openSecret(header.sealed, headerSecretContext(actionId));
}
