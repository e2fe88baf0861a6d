import type { ReactNode } from 'react';

// One panel of the team home: a titled card. `id` names the heading the section is labelled by.

export function HomePanel({ id, title, aside, children }: { id: string; title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section
      aria-labelledby={`${id}-heading`}
      data-testid={`panel-${id}`}
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="mb-3 flex items-baseline gap-3">
        <h2 id={`${id}-heading`} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {aside && <div className="ml-auto text-xs text-slate-600">{aside}</div>}
      </div>
      {children}
    </section>
  );
}

/** A panel's "nothing here yet" line. */
export function PanelEmpty({ children }: { children: ReactNode }) {
  return <p className="py-6 text-center text-sm text-slate-600">{children}</p>;
}

/** What a panel shows while its data streams in (the page renders the rest meanwhile). */
export function PanelSkeleton({ title }: { title: string }) {
  return (
    <div
      aria-busy="true"
      aria-label={`Loading ${title}`}
      className="animate-pulse rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="h-3 w-32 rounded bg-slate-200" />
      <div className="mt-4 h-32 rounded bg-slate-100" />
    </div>
  );
}
