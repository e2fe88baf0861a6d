import type { RunLogLine } from './action-view';

// The run page's log: lines from the first GET and from the live stream arrive in any order and
// may repeat (a reconnecting EventSource resends from its last id; the list and the stream
// overlap). Lines are kept once each, by id when they have one, in the order they were written.

export type LogLine = { key: string; at: string | null; level: string; message: string };

function keyOf(line: RunLogLine): string {
  if (line.id !== undefined && line.id !== null) return `id:${line.id}`;
  return `at:${line.at ?? line.created_at ?? ''}:${line.message}`;
}

export function toLogLine(line: RunLogLine): LogLine {
  return { key: keyOf(line), at: line.at ?? line.created_at ?? null, level: line.level ?? 'info', message: line.message };
}

/** `lines` with `incoming` added: no line twice, ordered by time (stable for equal times). */
export function mergeLog(lines: LogLine[], incoming: RunLogLine[]): LogLine[] {
  const known = new Set(lines.map((l) => l.key));
  const added = incoming.map(toLogLine).filter((l) => {
    if (known.has(l.key)) return false;
    known.add(l.key);
    return true;
  });
  if (added.length === 0) return lines;
  const all = [...lines, ...added];
  const order = new Map(all.map((l, i) => [l.key, i]));
  return all.sort((a, b) => {
    const byTime = (a.at ? Date.parse(a.at) : 0) - (b.at ? Date.parse(b.at) : 0);
    return byTime !== 0 && Number.isFinite(byTime) ? byTime : order.get(a.key)! - order.get(b.key)!;
  });
}

/**
 * One server-sent event's data as log lines: a line object, a list of them, or `{logs: [...]}`;
 * anything else (a status event, a heartbeat) gives none.
 */
export function linesOfEvent(data: string): RunLogLine[] {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return [];
  }
  const isLine = (v: unknown): v is RunLogLine => !!v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string';
  if (Array.isArray(value)) return value.filter(isLine);
  if (value && typeof value === 'object' && Array.isArray((value as { logs?: unknown }).logs))
    return (value as { logs: unknown[] }).logs.filter(isLine);
  return isLine(value) ? [value] : [];
}
