// The bounds of one imported file. Each is a 400 or 413 that names it (lib/errors.ts), reached
// before anything recursive or large runs: a file past a bound is refused, never a frozen process.

/** The file's text, in UTF-8 bytes. Larger files come in chunks (several imports). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Items in one file, after arrays and `{entities: [...]}` are unwrapped (CSV: data rows). */
export const MAX_IMPORT_ITEMS = 10_000;
/** Nesting of objects and arrays inside any item, as for request bodies (MAX_JSON_DEPTH). */
export const MAX_IMPORT_DEPTH = 64;
/** Documents in one YAML stream (`---` separated); a catalog-info.yaml holds a handful to hundreds. */
export const MAX_YAML_DOCUMENTS = 5_000;
/**
 * Alias expansions in one YAML document (the `yaml` package's maxAliasCount, which weighs each
 * alias by the size of what it repeats): a billion-laughs document stops here.
 */
export const MAX_YAML_ALIASES = 100;
/** Columns of a CSV file. */
export const MAX_CSV_COLUMNS = 500;
