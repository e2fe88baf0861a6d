import type { ButtonHTMLAttributes } from 'react';

const variants = {
  primary: 'bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-300',
  secondary: 'border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:text-slate-400',
  danger: 'bg-red-600 text-white hover:bg-red-500 disabled:bg-red-300',
  // A destructive action's first step (the confirmation is a `danger` button): outlined in red,
  // so it reads as live, not as a greyed-out control.
  dangerOutline: 'border border-red-300 bg-white text-red-700 hover:border-red-400 hover:bg-red-50 disabled:text-red-300',
  ghost: 'text-slate-600 hover:bg-slate-100',
} as const;

const sizes = { md: 'rounded-md px-3.5 py-2 text-sm', sm: 'rounded px-2 py-1 text-xs' } as const;

/** The look of a button, also for a link that acts as one (<Link className={buttonClass()}>). */
export function buttonClass(variant: keyof typeof variants = 'primary', size: keyof typeof sizes = 'md'): string {
  return `inline-flex items-center justify-center gap-2 ${sizes[size]} font-medium shadow-sm transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed ${variants[variant]}`;
}

export function Button({
  variant = 'primary',
  size = 'md',
  pending,
  children,
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants; size?: keyof typeof sizes; pending?: boolean }) {
  return (
    <button
      className={`${buttonClass(variant, size)} ${className}`}
      disabled={pending || props.disabled}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending && <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" aria-hidden />}
      {children}
    </button>
  );
}
