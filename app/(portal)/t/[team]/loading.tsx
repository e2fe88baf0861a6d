// Skeleton shown while a team page loads: same footprint as the content, so nothing jumps.
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse">
      <div className="mb-2 h-7 w-48 rounded bg-slate-200" />
      <div className="mb-6 h-4 w-72 rounded bg-slate-100" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-36 rounded-xl border border-slate-200 bg-white" />
        ))}
      </div>
    </div>
  );
}
