import { AppError } from '@/lib/errors';
import { isBlueprintId } from './schemas';

// URL parts of the blueprint routes.

/** A blueprint id from the URL: one that cannot exist is a 404 (never a 400 or a 500). */
export function blueprintParam(value: string): string {
  if (!isBlueprintId(value)) throw new AppError('not_found', 'blueprint not found');
  return value;
}

/** A boolean query flag (`force`, `dry_run`): absent is false; anything but "true"/"false" is a 400. */
export function flagParam(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null) return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new AppError('bad_request', `${name} must be "true" or "false", got "${raw}"`);
}

/**
 * The ETag of a blueprint: its version, which every saved change bumps. (`entity_count` is a
 * derived figure, not part of what is edited, so it does not enter the tag.)
 */
export function blueprintEtag(version: number): string {
  return `"${version}"`;
}

/**
 * The versions an `If-Match` header accepts: undefined when absent or `*` (no check); otherwise
 * the listed tags' versions, where a tag that is no version of ours matches nothing (so 409).
 */
export function ifMatchVersions(request: Request): number[] | undefined {
  const header = request.headers.get('if-match');
  if (header === null || header.trim() === '*') return undefined;
  return header.split(',').map((tag) => {
    const m = /^\s*"(\d{1,9})"\s*$/.exec(tag);
    return m ? Number(m[1]) : -1;
  });
}
