// What an audit entry changed: one line per key that differs ("role: editor → viewer").
function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function AuditChanges({ oldData, newData }: { oldData: unknown; newData: unknown }) {
  const before = (oldData ?? {}) as Record<string, unknown>;
  const after = (newData ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => show(before[k]) !== show(after[k]) || oldData === null || newData === null);
  if (keys.length === 0) return <span className="text-xs text-slate-400">no field changed</span>;
  return (
    <ul className="space-y-0.5 text-xs">
      {keys.map((k) => (
        <li key={k}>
          <span className="font-medium text-slate-700">{k}:</span>{' '}
          {oldData !== null && <span className="text-red-700 line-through decoration-red-300">{show(before[k])}</span>}
          {oldData !== null && newData !== null && <span className="text-slate-400"> → </span>}
          {newData !== null && <span className="text-emerald-700">{show(after[k])}</span>}
        </li>
      ))}
    </ul>
  );
}
