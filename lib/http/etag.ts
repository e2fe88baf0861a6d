// Optimistic concurrency (API.md): a resource's ETag is its version, which every saved change
// bumps; a write with a stale If-Match is a 409 and changes nothing.

/** The options of a write that honours If-Match: the versions the header accepts. */
export type WriteOptions = { ifMatch?: number[] };

export function versionEtag(version: number): string {
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
