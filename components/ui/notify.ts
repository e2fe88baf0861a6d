import { toast } from 'sonner';

// Toasts after a write, worded one way everywhere: a sentence naming what and which ("Service
// “checkout” deleted."). `undo` adds an Undo button for as long as the toast shows; a write that
// cannot be undone gets none. Failures stay where the form shows them (inline, next to the
// field); a toast is for what happened, not for what to fix.

export type Outcome = 'created' | 'saved' | 'deleted' | 'restored' | 'added' | 'removed' | 'revoked' | 'updated';

/** How long a toast stays: long enough to read a sentence; longer when it offers Undo. */
export const TOAST_MS = 5_000;
export const UNDO_MS = 8_000;

const capitalised = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** `Service “checkout” deleted.` (`kind` may be a blueprint's title; `name` is shown as given). */
export function outcomeSentence(kind: string, name: string | null, outcome: Outcome): string {
  const what = capitalised(kind.trim() || 'Item');
  return name ? `${what} “${name}” ${outcome}.` : `${what} ${outcome}.`;
}

type NotifyOptions = {
  /** Runs when Undo is pressed (the toast then closes). */
  undo?: () => void | Promise<void>;
  description?: string;
};

export function notifyDone(message: string, options: NotifyOptions = {}): void {
  const { undo, description } = options;
  toast.success(message, {
    description,
    duration: undo ? UNDO_MS : TOAST_MS,
    ...(undo && { action: { label: 'Undo', onClick: () => void undo() } }),
  });
}

export function notifyFailed(message: string, description?: string): void {
  toast.error(message, { description, duration: TOAST_MS });
}

/** Shorthand: notifyDone(outcomeSentence(...)). */
export function notifyOutcome(kind: string, name: string | null, outcome: Outcome, options?: NotifyOptions): void {
  notifyDone(outcomeSentence(kind, name, outcome), options);
}
