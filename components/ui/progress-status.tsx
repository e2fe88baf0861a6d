/** Long work in steps, announced to screen readers: a line saying where it is, and a bar. */
export function ProgressStatus({ text, done, total, label }: { text: string; done: number; total: number; label: string }) {
  return (
    <div role="status" className="space-y-1">
      <p className="text-xs text-slate-600">{text}</p>
      <progress className="w-full" max={total} value={done} aria-label={label} />
    </div>
  );
}
