import type { ReactNode } from 'react';

const tones = {
  slate: 'bg-slate-100 text-slate-700 ring-slate-200',
  indigo: 'bg-indigo-50 text-indigo-700 ring-indigo-200',
  emerald: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  red: 'bg-red-50 text-red-700 ring-red-200',
} as const;

export type BadgeTone = keyof typeof tones;

/** A small rounded label (a status, a kind, an action name); `mono` for machine names. */
export function Badge({
  tone = 'slate',
  mono,
  title,
  children,
}: {
  tone?: BadgeTone;
  mono?: boolean;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${mono ? 'font-mono' : ''} ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
