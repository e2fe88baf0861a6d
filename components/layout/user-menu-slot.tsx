// The signed-in user's menu lives here. Until accounts exist the portal is read-only and says so.
export function UserMenuSlot() {
  return (
    <div className="flex items-center gap-2 text-sm text-slate-600" data-testid="user-menu">
      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-500">read-only preview</span>
      <span className="flex h-8 w-8 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-600" aria-label="Guest">
        G
      </span>
    </div>
  );
}
