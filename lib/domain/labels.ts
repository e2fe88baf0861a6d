// How a user-chosen name reads when the schema gives no title: the entity form, the entity page
// and the catalog's columns and filters all label a property (or relation) the same way.

/** `owner_email` -> "Owner email", `lastDeployedAt` -> "Last deployed at". */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/** A property's label: its schema's `title`, else its name humanised. */
export function propertyLabel(name: string, schema: unknown): string {
  const title = typeof schema === 'object' && schema !== null ? (schema as { title?: unknown }).title : undefined;
  return typeof title === 'string' && title ? title : humanise(name);
}
