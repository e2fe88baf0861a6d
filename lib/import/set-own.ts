// Names chosen by users (property and relation names) become keys of the objects an import builds.
// A plain assignment of `__proto__` would set the prototype instead of adding a key; defining the
// property makes it an ordinary own key like any other (CONVENTIONS.md habit 11).
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
