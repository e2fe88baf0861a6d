// The sortable key of a semantic version, the same as search_semver_key() in
// migrations-sql/0007_search.sql (read the comment there for the encoding): compared as plain
// strings (all ASCII), keys order versions by semver precedence. null when not a version.

export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const num = (digits: string) => String(digits.length).padStart(3, '0') + digits;

export function semverKey(value: string): string | null {
  const m = SEMVER.exec(value);
  if (!m || m[1].length > 999 || m[2].length > 999 || m[3].length > 999) return null;
  const core = num(m[1]) + num(m[2]) + num(m[3]);
  if (m[4] === undefined) return `${core}~`;
  const parts: string[] = [];
  for (const part of m[4].split('.')) {
    if (/^\d+$/.test(part)) {
      if (part.length > 999) return null;
      parts.push(`0${num(part)}`);
    } else {
      parts.push(`1${part}`);
    }
  }
  return `${core}!${parts.join(' ')}`;
}
