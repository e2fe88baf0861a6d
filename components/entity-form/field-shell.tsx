// The frame around one generated control: label (or legend), required marker, help text, inline error.

import type { ReactNode } from 'react';
import { legendClass, fieldsetClass } from './styles';

export function RequiredMark() {
  return (
    <>
      <span aria-hidden="true" className="ml-0.5 text-red-600">
        *
      </span>
      <span className="sr-only"> (required)</span>
    </>
  );
}

export function HelpAndError({ id, help, error }: { id: string; help?: ReactNode; error?: string }) {
  return (
    <>
      {help && (
        <p id={`${id}-help`} className="text-xs text-slate-500">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </>
  );
}

/** The ids a control should list in aria-describedby. */
export function describedByFor(id: string, help: unknown, error: unknown): string | undefined {
  return [error && `${id}-error`, help && `${id}-help`].filter(Boolean).join(' ') || undefined;
}

type ShellProps = { id: string; label: string; required?: boolean; help?: ReactNode; error?: string; children: ReactNode };

/** A single control with a real <label for>. */
export function LabelShell({ id, label, required, help, error, children }: ShellProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required && <RequiredMark />}
      </label>
      {children}
      <HelpAndError id={id} help={help} error={error} />
    </div>
  );
}

/** A group of controls (checkboxes, rows, nested properties) named by a <legend>. */
export function FieldsetShell({ id, label, required, help, error, children, plain }: ShellProps & { plain?: boolean }) {
  return (
    <fieldset
      id={id}
      aria-describedby={describedByFor(id, help, error)}
      aria-invalid={error ? true : undefined}
      className={plain ? 'space-y-2' : fieldsetClass}
    >
      <legend className={plain ? 'text-sm font-medium text-slate-700' : legendClass}>
        {label}
        {required && <RequiredMark />}
      </legend>
      {/* A group's help says what the group is for: read before its fields, not after them. */}
      {help && !plain && <HelpAndError id={id} help={help} />}
      {children}
      <HelpAndError id={id} help={plain ? help : undefined} error={error} />
    </fieldset>
  );
}
