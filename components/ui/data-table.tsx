import type { ReactNode } from 'react';

/**
 * The portal's table frame: a header row from `columns` (an empty name is a screen-reader-only
 * "Actions"). `dense` narrows the header's side padding for tables of many short columns.
 */
export function DataTable({
  columns,
  children,
  className = '',
  dense,
}: {
  columns: string[];
  children: ReactNode;
  className?: string;
  dense?: boolean;
}) {
  return (
    <div className={`relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm ${className}`}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={`whitespace-nowrap py-3 ${dense ? 'px-2.5 first:pl-4' : 'px-4'}`}>
                {c || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">{children}</tbody>
      </table>
    </div>
  );
}
