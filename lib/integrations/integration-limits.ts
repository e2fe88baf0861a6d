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

/** An http-pull integration's settings (pull-settings.ts checks them; the editor offers the same). */
export const PULL_LIMITS = {
  /** Minutes between scheduled pulls: at least 5, at most a week; 60 when not given. */
  minIntervalMinutes: 5,
  maxIntervalMinutes: 10_080,
  defaultIntervalMinutes: 60,
  maxUrlChars: 2048,
  /** Request headers sent with each pull (their values are stored sealed, never returned). */
  maxHeaders: 10,
  maxHeaderValueChars: 4096,
  /** Time for one fetch: connect, headers and the whole body, across redirects. */
  fetchTimeoutMs: 30_000,
};

/** An HTTP header name (RFC 9110 token), at most 100 characters. */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
/** Header names the HTTP client sets itself: refused in the settings rather than silently dropped. */
export const CLIENT_HEADERS = ['host', 'content-length', 'connection', 'transfer-encoding'];
