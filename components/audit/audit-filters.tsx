'use client';

export const AUDIT_ACTIONS = ['team.created', 'team.updated', 'member.added', 'member.role_changed', 'member.removed', 'role.created', 'role.updated', 'role.deleted', 'api_key.created', 'api_key.revoked'];
const RESOURCE_TYPES = ['team', 'member', 'role', 'api_key'];

export type AuditFilterValues = { action: string; entity_type: string; since: string; until: string };

const select = 'block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';

// The audit log's filters; the page keeps them in the URL so a link reproduces the view.
export function AuditFilters({ value, onChange }: { value: AuditFilterValues; onChange: (next: AuditFilterValues) => void }) {
  const set = (key: keyof AuditFilterValues) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  return (
    <form className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
      <label className="text-sm text-slate-700">
        Action
        <select className={select} value={value.action} onChange={set('action')}>
          <option value="">any</option>
          {AUDIT_ACTIONS.map((a) => <option key={a}>{a}</option>)}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Resource
        <select className={select} value={value.entity_type} onChange={set('entity_type')}>
          <option value="">any</option>
          {RESOURCE_TYPES.map((t) => <option key={t}>{t}</option>)}
        </select>
      </label>
      <label className="text-sm text-slate-700">
        Since
        <input type="date" className={select} value={value.since} onChange={set('since')} />
      </label>
      <label className="text-sm text-slate-700">
        Until
        <input type="date" className={select} value={value.until} onChange={set('until')} />
      </label>
    </form>
  );
}
