// The identifier a new entity's form suggests from its title, while the person has not typed one:
// "Payments API (EU)" → "payments-api-eu". Letters lose their accents; what the identifier pattern
// (^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,254}$) would refuse becomes a dash. Shared by nothing but the
// form, and isomorphic: no server-only import.

const MAX = 255;

export function suggestIdentifier(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, MAX)
    .replace(/-+$/, '');
}
