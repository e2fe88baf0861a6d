import { AppError } from '@/lib/errors';
import { BLUEPRINTS_KIND, BLUEPRINTS_VERSION } from '@/lib/export/blueprints-document';
import { isPlainObject } from './set-own';

// An export with ?include=blueprints carries the team's blueprints beside its entities: the
// blueprints document (`kind: baseplate/blueprints`, a YAML export's first document, a JSON
// export's `blueprints` member) or one `{"kind": "blueprint", ...}` line per blueprint (NDJSON).
// They are taken out here, so the entity items keep their order and their indexes count entities
// only (a failure's `index` is the entity's position in the file).

export type BlueprintParts = { blueprints: unknown[]; items: unknown[] };

export function splitBlueprintParts(items: unknown[]): BlueprintParts {
  const out: BlueprintParts = { blueprints: [], items: [] };
  for (const item of items) {
    if (isPlainObject(item) && item.kind === BLUEPRINTS_KIND) {
      if (item.version !== BLUEPRINTS_VERSION || !Array.isArray(item.blueprints)) {
        throw new AppError(
          'bad_request',
          `a ${BLUEPRINTS_KIND} document must have version ${BLUEPRINTS_VERSION} and a list of blueprints`,
          {
            reason: 'invalid_blueprints',
          },
        );
      }
      out.blueprints.push(...item.blueprints);
    } else if (isPlainObject(item) && item.kind === 'blueprint') {
      out.blueprints.push(Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'kind')));
    } else out.items.push(item);
  }
  return out;
}
