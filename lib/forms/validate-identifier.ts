// The entity identifier rule of API.md, checked in the browser with a human message.

export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,254}$/;

/** The error for an identifier, or undefined when it is valid. */
export function identifierError(identifier: string): string | undefined {
  if (identifier === '') return 'Required';
  if (identifier.length > 255) return 'Must be at most 255 characters';
  if (!IDENTIFIER_PATTERN.test(identifier)) return 'Must start with a letter or digit and use only letters, digits and . _ : @ / + -';
  return undefined;
}
