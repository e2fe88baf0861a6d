import pkg from '../package.json' with { type: 'json' };

/** Baseplate's version, as package.json says. */
export const VERSION: string = pkg.version;
