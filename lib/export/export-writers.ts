import { stringify } from 'yaml';
import { AppError } from '@/lib/errors';
import { blueprintsDocumentValue, YAML_OUT } from './blueprints-document';
import { csvLine } from './csv-cell';
import type { CsvColumn } from './csv-columns';
import type { ExportBlueprint, ExportEntity, ExportFormat, ExportRow } from './export-types';

// How each format writes an export, piece by piece: `start` once (with the blueprints part when
// asked for), `rows` once per batch, `end` once. Each returns text to send at once, so nothing
// but the current batch is ever held. Every format writes the same entities in the same order
// with the same key order, so two exports of the same catalog are byte-identical.

export type ExportWriter = {
  contentType: string;
  extension: string;
  start(blueprints: ExportBlueprint[] | null): string;
  rows(rows: ExportRow[]): string;
  end(): string;
};

/** The entity as every JSON-like format writes it (key order fixed here). */
export function entityValue(row: ExportRow): ExportEntity {
  return { blueprint: row.blueprint, identifier: row.identifier, title: row.title, properties: row.properties, relations: row.relations };
}

function jsonWriter(): ExportWriter {
  let first = true;
  return {
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    start: (blueprints) =>
      blueprints ? `{"blueprints":${JSON.stringify(blueprintsDocumentValue(blueprints).blueprints)},\n"entities":[` : '{"entities":[',
    rows: (rows) =>
      rows
        .map((r) => {
          const text = `${first ? '\n' : ',\n'}${JSON.stringify(entityValue(r))}`;
          first = false;
          return text;
        })
        .join(''),
    end: () => `${first ? '' : '\n'}]}\n`,
  };
}

function ndjsonWriter(): ExportWriter {
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    extension: 'ndjson',
    start: (blueprints) =>
      blueprints
        ? blueprintsDocumentValue(blueprints)
            .blueprints.map((b) => `${JSON.stringify({ kind: 'blueprint', ...b })}\n`)
            .join('')
        : '',
    rows: (rows) => rows.map((r) => `${JSON.stringify({ kind: 'entity', ...entityValue(r) })}\n`).join(''),
    end: () => '',
  };
}

export const ENTITY_KIND = 'baseplate/entity';

function yamlWriter(): ExportWriter {
  return {
    contentType: 'application/yaml; charset=utf-8',
    extension: 'yaml',
    start: (blueprints) => (blueprints ? `---\n${stringify(blueprintsDocumentValue(blueprints), YAML_OUT)}` : ''),
    rows: (rows) => rows.map((r) => `---\n${stringify({ kind: ENTITY_KIND, ...entityValue(r) }, YAML_OUT)}`).join(''),
    end: () => '',
  };
}

function csvWriter(columns: CsvColumn[]): ExportWriter {
  return {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    start: () => csvLine(columns.map((c) => c.header)),
    rows: (rows) => rows.map((r) => csvLine(columns.map((c) => c.read(r)))).join(''),
    end: () => '',
  };
}

/** The writer of a format; `columns` for CSV only. */
export function exportWriter(format: ExportFormat, columns: CsvColumn[] | null): ExportWriter {
  switch (format) {
    case 'json':
      return jsonWriter();
    case 'ndjson':
      return ndjsonWriter();
    case 'yaml':
      return yamlWriter();
    case 'csv':
      if (!columns) throw new AppError('internal', 'CSV export without columns');
      return csvWriter(columns);
  }
}

/** Only the blueprints part (`?only=blueprints`): the one YAML document, or the same as JSON. */
export function blueprintsOnly(format: 'json' | 'yaml', blueprints: ExportBlueprint[]): string {
  const value = blueprintsDocumentValue(blueprints);
  return format === 'yaml' ? stringify(value, YAML_OUT) : `${JSON.stringify(value)}\n`;
}
