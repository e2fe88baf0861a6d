import { BLUEPRINT_ID } from '@/lib/blueprints/schemas';

// Names and bounds of integrations (API.md "Integrations, ingestion, import and export").
// Isomorphic: the UI (later) and the services read the same numbers.

/** An integration's identifier: the blueprint-id pattern. */
export const INTEGRATION_IDENTIFIER = new RegExp(BLUEPRINT_ID);

export const INTEGRATION_KINDS = ['webhook', 'file', 'http-pull'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

export const SYNC_MODES = ['delta', 'full'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export const INTEGRATION_LIMITS = {
  maxPerTeam: 100,
  titleLength: 100,
  /** Mappings of one integration: each item is tried against every one. */
  maxMappings: 50,
  /** Properties (and relations) one mapping sets: each is one expression per item. */
  maxMappedFields: 200,
  /** Characters of the settings object as JSON. */
  maxSettingsChars: 16 * 1024,
  /** Items in one sync, webhook call or import (a 413/400 naming it past this). */
  maxItems: 1000,
  /** Entities one item may expand into (items_to_parse). */
  maxRecordsPerItem: 1000,
  /** Entity records one call may produce after expansion. */
  maxRecords: 10_000,
  /** Failures kept on a sync's row (the answer has them all). */
  maxFailuresKept: 100,
  /** Wall time for mapping one call's items: items not reached by then fail with that reason. */
  mapBudgetMs: 20_000,
  /** Changes listed in a dry run's answer. */
  maxChangesListed: 10_000,
};
