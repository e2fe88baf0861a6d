// A UUID in its text form, in either case: the one test of "could this be an id" before any SQL
// (a text that is not one names nothing), and the JSON Schema pattern of ids in request bodies.

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const UUID = new RegExp(UUID_PATTERN);

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
