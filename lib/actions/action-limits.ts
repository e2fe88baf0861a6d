// Names and bounds of actions and automations (API.md "Actions and runs", "Automations").
// Isomorphic: the editor (components/actions) and the services read the same numbers.

/** An action's or automation's identifier: lower case, as blueprints' are. */
export const ACTION_IDENTIFIER = /^[a-z][a-z0-9_-]{0,99}$/;
export const AUTOMATION_IDENTIFIER = ACTION_IDENTIFIER;

export const ACTION_LIMITS = {
  /** Actions of one team (a bounded list, and a bounded offered-actions check per entity). */
  maxPerTeam: 500,
  /** Actions of one blueprint: listActionsOffered checks each one's condition in one statement. */
  maxPerBlueprint: 100,
  maxSteps: 20,
  maxHeaders: 50,
  titleLength: 100,
  descriptionLength: 2000,
  iconLength: 50,
  urlLength: 2048,
  headerValueLength: 8192,
};

export const AUTOMATION_LIMITS = {
  maxPerTeam: 500,
  titleLength: 100,
  descriptionLength: 2000,
  maxChangedProperties: 50,
};

/**
 * The convention of an input that names an entity (the form renders an entity picker):
 * `{"type": "string", "format": "entity", "blueprint": "<blueprint id>"}`, or an array of such
 * strings (`{"type": "array", "items": {...}}`) to pick several. The value is the entity's identifier.
 */
export const ENTITY_INPUT_FORMAT = 'entity';
