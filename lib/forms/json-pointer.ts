// JSON Pointer (RFC 6901) helpers for the entity form: escape, read and immutably write nested data.
// Segments are user-chosen property names: own keys only (lib/domain/own-keys.ts).

import { ownValue } from '@/lib/domain/own-keys';

/** One pointer segment, escaped (`~` -> `~0`, `/` -> `~1`). */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A pointer split into unescaped segments ('' is the root: no segments). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `base` with one more segment appended. */
export function childPointer(base: string, segment: string | number): string {
  return `${base}/${escapePointerSegment(segment)}`;
}

/** The value at `pointer`, or undefined when any step is missing. */
export function getAt(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const segment of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? (node as unknown[])[Number(segment)] : ownValue(node, segment);
  }
  return node;
}

/**
 * A copy of `root` with `value` at `pointer`; `undefined` removes the key (or array slot), so a
 * cleared optional input leaves no empty string behind for the validator to reject. Missing
 * parents are created as objects.
 */
export function setAt(root: unknown, pointer: string, value: unknown): unknown {
  return setSegments(root, pointerSegments(pointer), value);
}

function setSegments(node: unknown, segments: string[], value: unknown): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments;
  if (Array.isArray(node)) {
    const index = Number(head);
    const copy = node.slice();
    const next = setSegments(copy[index], rest, value);
    if (next === undefined && rest.length === 0) copy.splice(index, 1);
    else copy[index] = next;
    return copy;
  }
  const base: Record<string, unknown> = node !== null && typeof node === 'object' ? { ...(node as Record<string, unknown>) } : {};
  // defineProperty, not `base[head] =`: a property named `__proto__` stays an own key.
  const next = setSegments(ownValue(base, head), rest, value);
  if (next === undefined) delete base[head];
  else Object.defineProperty(base, head, { value: next, enumerable: true, writable: true, configurable: true });
  return base;
}

/**
 * Whether the control at `control` shows the error at `error`: its own, one below it (a bad tag
 * in a list), or one on an enclosing object (a required object left out). An error at `root`
 * (a broken schema, data of the wrong type) belongs to no single control.
 */
export function pointerCovers(error: string, control: string, root = '/data'): boolean {
  return error === control || error.startsWith(`${control}/`) || (error !== root && control.startsWith(`${error}/`));
}
