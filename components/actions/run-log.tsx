'use client';

import { useEffect, useRef } from 'react';
import { useRunLog } from './use-run-log';

// Log lines a second apart must read apart: hours, minutes and seconds, in UTC like every time of the portal.
const clock = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: 'UTC' });

const LEVEL_CLASS: Record<string, string> = {
  error: 'text-red-300',
  warn: 'text-amber-300',
  warning: 'text-amber-300',
  debug: 'text-slate-400',
};

// The run's log as a terminal-like pane that follows new lines while the reader is at its end.
export function RunLog({ team, run, final, onStatus }: { team: string; run: string; final: boolean; onStatus?: () => void }) {
  const { lines, live, error } = useRunLog(team, run, final, onStatus);
  const pane = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  useEffect(() => {
    const el = pane.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <section aria-labelledby="run-log-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="run-log-heading" className="text-sm font-semibold text-slate-900">
          Log
        </h2>
        <span className="text-xs text-slate-500" data-testid="run-log-live" data-live={live}>
          {live ? (
            <>
              <span aria-hidden className="mr-1 inline-block h-2 w-2 animate-pulse rounded-full bg-emerald-500" />
              Live
            </>
          ) : final ? (
            'Finished'
          ) : (
            'Connecting…'
          )}
        </span>
      </div>
      {error && <p className="mb-2 text-sm text-red-600">{error}</p>}
      <ol
        ref={pane}
        aria-label="Run log"
        aria-live="polite"
        tabIndex={0}
        data-testid="run-log"
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className="max-h-96 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
      >
        {lines.length === 0 && <li className="text-slate-400">No log lines yet.</li>}
        {lines.map((line) => (
          <li key={line.key} className={`whitespace-pre-wrap break-words ${LEVEL_CLASS[line.level] ?? ''}`}>
            {line.at && <span className="mr-2 text-slate-400">{clock.format(new Date(line.at))}</span>}
            {line.level !== 'info' && <span className="mr-2 uppercase">{line.level}</span>}
            {line.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
