/**
 * After a refused submit, put focus on the first field the API faulted (or back on the submit
 * button), so a keyboard user is not left on <body> when the pending button was disabled.
 */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('button[type="submit"]');
    target?.focus();
  });
}
