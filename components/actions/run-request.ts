import { sentence } from '@/components/ui/format';
import { ApiError, api } from '@/lib/web/api-client';
import { actionsApi } from './action-paths';
import type { RunView } from './action-view';

// Asking for a run (POST .../actions/{action}/runs) from the generated input form: the answer is
// the run (202), or the server's refusal in the form's terms, the field errors of the inputs
// (422 paths under /inputs) at the form's own pointers (/data/...), the rest as a message.

export type RunFormResult = { run: RunView } | { fieldErrors: Record<string, string>; message?: string };

/** A 422 detail path of the run request as the entity form's pointer, or null when it names no input. */
export function formPointer(path: string): string | null {
  if (path === '/inputs' || path.startsWith('/inputs/')) return `/data${path.slice('/inputs'.length)}`;
  return null;
}

export async function requestRun(
  team: string,
  action: string,
  entity: string | null,
  inputs: Record<string, unknown>,
): Promise<RunFormResult> {
  try {
    const run = await api<RunView>(actionsApi(team, action, 'runs'), { method: 'POST', body: { ...(entity ? { entity } : {}), inputs } });
    return { run };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const fieldErrors: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const [path, message] of Object.entries(error.fieldErrors())) {
      const pointer = formPointer(path);
      if (pointer) fieldErrors[pointer] = sentence(message);
      else unplaced.push(`${path}: ${message}`);
    }
    if (error.code === 'validation_failed' && Object.keys(fieldErrors).length > 0)
      return { fieldErrors, message: unplaced.length ? unplaced.join(' ') : undefined };
    return { fieldErrors: {}, message: sentence(error.message) };
  }
}
