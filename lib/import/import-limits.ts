// The bounds of one imported file. Each is a 400 or 413 that names it (lib/errors.ts), reached
// before anything recursive or large runs: a file past a bound is refused, never a frozen process.

/**
 * The file's text, in UTF-8 bytes: the request body limit (MAX_BODY_BYTES). Larger files come in
 * chunks (several imports). The bound is also one on time: the `yaml` package parses about 1 MB/s
 * on this project's 2-core machines.
 */
export const MAX_IMPORT_BYTES = 1024 * 1024;
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
/**
 * Lexer tokens of one YAML file: the bound on parse time (the event loop waits for it, and so do
 * every other team's requests on this process). A typical catalog-info.yaml has about 3 tokens per
 * 10 bytes: 100,000 is ~330 KB, ~1,100 entities, parsed in ~0.6 s on the project's 2-core
 * machines (250,000 took ~1.5 s); flow-heavy YAML costs more per token. Larger catalogs come in
 * several files; JSON and NDJSON, parsed natively, go to the full MAX_IMPORT_BYTES.
 */
export const MAX_YAML_TOKENS = 100_000;
/** Members of one YAML mapping (see parse-yaml-documents.ts: the duplicate-key check is quadratic). */
export const MAX_YAML_MAP_KEYS = 1_000;
/** Columns of a CSV file. */
export const MAX_CSV_COLUMNS = 500;
