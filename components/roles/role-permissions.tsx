import { PERMISSIONS_BY_AREA, type Area, verbOf } from './permission-areas';
import { PERMISSIONS } from '@/lib/authz/permissions';

// One cell of the roles matrix: the verbs a role holds in one area ("read", "write"), or a dash.
export function AreaPermissions({ area, granted }: { area: Area; granted: readonly string[] }) {
  const held = PERMISSIONS_BY_AREA[area].filter((p) => granted.includes(p));
  if (held.length === 0) {
    return (
      <span className="text-slate-300" aria-label={`No ${area} permissions`}>
        —
      </span>
    );
  }
  return (
    <ul aria-label={`${area} permissions`} className="flex gap-1">
      {held.map((p) => (
        <li
          key={p}
          title={`${p}: ${PERMISSIONS[p].grants}`}
          className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700"
        >
          {verbOf(p)}
        </li>
      ))}
    </ul>
  );
}
