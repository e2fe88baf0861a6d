import { describe, expect, it } from 'vitest';
import { linesOfEvent, mergeLog } from './run-log-state';
import { duration, isCancellable, isFinal } from './run-status';
import { requesterName, runActionId, runEntity } from './action-view';

describe('the run log', () => {
  it('keeps each line once, in the order of its time, whether it came from the list or the stream', () => {
    const first = mergeLog(
      [],
      [
        { id: 2, at: '2026-01-01T00:00:02Z', message: 'second' },
        { id: 1, at: '2026-01-01T00:00:01Z', message: 'first' },
      ],
    );
    const again = mergeLog(first, [
      { id: 2, at: '2026-01-01T00:00:02Z', message: 'second' },
      { id: 3, at: '2026-01-01T00:00:03Z', message: 'third', level: 'error' },
    ]);
    expect(again.map((l) => l.message)).toEqual(['first', 'second', 'third']);
    expect(again[2].level).toBe('error');
    expect(mergeLog(again, [{ id: 1, message: 'first' }])).toBe(again);
  });

  it('reads an event holding a line, a list, or {logs}, and ignores other events', () => {
    expect(linesOfEvent('{"id":1,"message":"a"}')).toHaveLength(1);
    expect(linesOfEvent('[{"id":1,"message":"a"},{"id":2,"message":"b"}]')).toHaveLength(2);
    expect(linesOfEvent('{"logs":[{"id":1,"message":"a"}]}')).toHaveLength(1);
    expect(linesOfEvent('{"status":"running"}')).toEqual([]);
    expect(linesOfEvent('not json')).toEqual([]);
  });
});

describe('run views', () => {
  it('reads the action and the entity whichever shape the answer gives them', () => {
    expect(runActionId({ action: 'deploy' })).toBe('deploy');
    expect(runActionId({ action: { identifier: 'deploy', title: 'Deploy' } })).toBe('deploy');
    expect(runEntity({ entity: 'svc', blueprint: 'service' })).toEqual({ blueprint: 'service', identifier: 'svc', title: null });
    expect(runEntity({ entity: { blueprint: 'service', identifier: 'svc', title: 'Svc' } })).toEqual({
      blueprint: 'service',
      identifier: 'svc',
      title: 'Svc',
    });
    expect(runEntity({ entity: null })).toBeNull();
  });

  it('names who asked', () => {
    expect(requesterName({ type: 'user', id: 'u', email: 'a@x.io', name: null })).toBe('a@x.io');
    expect(requesterName({ type: 'automation', id: 'a', identifier: 'on-create' })).toBe('automation on-create');
  });

  it('knows which statuses are final and which can be cancelled', () => {
    expect(isFinal('succeeded')).toBe(true);
    expect(isFinal('waiting_approval')).toBe(false);
    expect(isCancellable('waiting_approval')).toBe(true);
    expect(isCancellable('running')).toBe(false);
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:00:01.500Z')).toBe('1.5 s');
    expect(duration(null, '2026-01-01T00:00:00Z')).toBeNull();
  });
});
