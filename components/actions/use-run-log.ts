'use client';

import { useEffect, useRef, useState } from 'react';
import { api } from '@/lib/web/api-client';
import { runsApi } from './action-paths';
import type { RunLogList } from './action-view';
import { linesOfEvent, mergeLog, type LogLine } from './run-log-state';

// A run's log, live: the lines written so far (GET .../logs), then each new one as the server
// sends it (the same URL as a server-sent event stream; the browser's EventSource sends the
// session cookie). The stream is closed once the run is final and the server ends it; `live`
// says whether it is open now, for the page to show.

export function useRunLog(team: string, run: string, final: boolean, onStatus?: () => void) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [live, setLive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The latest callback, read when an event comes: a new closure each render must not reopen the stream.
  const onStatusRef = useRef(onStatus);
  useEffect(() => {
    onStatusRef.current = onStatus;
  });

  useEffect(() => {
    let cancelled = false;
    api<RunLogList>(`${runsApi(team, run, 'logs')}?limit=1000`)
      .then((page) => !cancelled && setLines((l) => mergeLog(l, page.logs ?? [])))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : 'Could not load the log'));
    return () => {
      cancelled = true;
    };
  }, [team, run, final]);

  useEffect(() => {
    if (final || typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/v1${runsApi(team, run, 'logs')}`, { withCredentials: true });
    const onLines = (event: MessageEvent<string>) => setLines((l) => mergeLog(l, linesOfEvent(event.data)));
    source.onopen = () => setLive(true);
    source.onmessage = onLines;
    source.addEventListener('log', onLines as EventListener);
    // A status change: the page reads the run again (its steps moved); the end: the run is over.
    source.addEventListener('status', () => onStatusRef.current?.());
    source.addEventListener('end', () => {
      source.close();
      setLive(false);
      onStatusRef.current?.();
    });
    source.onerror = () => setLive(source.readyState === EventSource.OPEN);
    return () => {
      source.close();
      setLive(false);
    };
  }, [team, run, final]);

  return { lines, live, error };
}
