import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { re2RegExp } from './re2-engine';
import { uniqueItemsKeyword } from './unique-items';

// The one ajv configuration: JSON Schema draft 2020-12 with the standard formats, plus the two
// Baseplate adds for blueprints: `semver` (semantic versions, semver.org's grammar) and
// `markdown` (any string, rendered as markdown). The server and the browser form use the same.
// Patterns run in RE2 (linear time, re2-engine.ts) and `uniqueItems` in linear time
// (unique-items.ts), so no schema a user writes can freeze the process or the browser tab.

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { regExp: re2RegExp } });
  addFormats(ajv);
  ajv.addFormat('semver', SEMVER);
  ajv.addFormat('markdown', true);
  ajv.addFormat('url', { validate: (s: string) => /^https?:\/\/[^\s]+$/i.test(s) });
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword(uniqueItemsKeyword);
  return ajv;
}
