import type { ReactNode } from 'react';

export function PageHeader({
  title,
  icon,
  description,
  aside,
}: {
  title: string;
  icon?: string | null;
  description?: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <div className="mb-6 flex items-start justify-between gap-4">
      <div>
        <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
          {icon && <span aria-hidden>{icon}</span>}
          {title}
        </h1>
        {description && <p className="mt-1 text-sm text-slate-500">{description}</p>}
      </div>
      {aside}
    </div>
  );
}
