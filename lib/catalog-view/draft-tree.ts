import type { Field } from './fields';
import { fits, initialValue, operatorsFor, valueControl, type Operator } from './operators';
import { isGroup, valueFits, type Group, type Node } from './rule-tree';

// The filter builder's working copy of the rule tree: every node has an id (React keys, edits by
// id) and a rule may be half-filled while a person builds it. `ruleProblem` says what is missing;
// the builder applies the tree only when nothing is.

export type DraftRule = { id: string; property: string; operator: Operator | ''; value?: unknown };
export type DraftGroup = { id: string; combinator: 'and' | 'or'; rules: DraftNode[] };
export type DraftNode = DraftRule | DraftGroup;

let counter = 0;
export const newId = () => `n${(counter += 1)}`;

export const isDraftGroup = (node: DraftNode): node is DraftGroup => 'combinator' in node;

export function toDraft(group: Group): DraftGroup {
  const convert = (node: Node): DraftNode =>
    isGroup(node) ? { id: newId(), combinator: node.combinator, rules: node.rules.map(convert) } : { id: newId(), ...node };
  return convert(group) as DraftGroup;
}

export function fromDraft(draft: DraftGroup): Group {
  const convert = (node: DraftNode): Node =>
    isDraftGroup(node)
      ? { combinator: node.combinator, rules: node.rules.map(convert) }
      : node.value === undefined
        ? { property: node.property, operator: node.operator as Operator }
        : { property: node.property, operator: node.operator as Operator, value: node.value };
  return convert(draft) as Group;
}

/** The tree with the node `id` replaced by what `change` makes of it (null removes it). */
export function mapNode(root: DraftGroup, id: string, change: (node: DraftNode) => DraftNode | null): DraftGroup {
  const walk = (group: DraftGroup): DraftGroup => ({
    ...group,
    rules: group.rules.flatMap((node) => {
      if (node.id === id) {
        const next = change(node);
        return next ? [next] : [];
      }
      return isDraftGroup(node) ? [walk(node)] : [node];
    }),
  });
  return root.id === id ? ((change(root) as DraftGroup | null) ?? { ...root, rules: [] }) : walk(root);
}

const DEFAULT_OPERATOR: Partial<Record<Field['kind'], Operator>> = { string: 'contains', stringArray: 'contains', date: '>=' };

export const blankRule = (): DraftRule => ({ id: newId(), property: '', operator: '' });

/** A rule after its property changed: the first operator that fits, with that control's empty value. */
export function withProperty(rule: DraftRule, field: Field | undefined): DraftRule {
  if (!field) return { id: rule.id, property: '', operator: '' };
  const op: Operator = fits(field, rule.operator) ? rule.operator : (DEFAULT_OPERATOR[field.kind] ?? operatorsFor(field)[0]);
  return { id: rule.id, property: field.key, operator: op, value: initialValue(valueControl(field, op), field) };
}

/** A rule after its operator changed: the value kept when the control stays the same. */
export function withOperator(rule: DraftRule, field: Field, operator: Operator): DraftRule {
  const before = rule.operator ? valueControl(field, rule.operator) : null;
  const after = valueControl(field, operator);
  return { ...rule, operator, value: before === after ? rule.value : initialValue(after, field) };
}

/** What keeps a rule from being applied, in a few words; null when it is complete. */
export function ruleProblem(rule: DraftRule, fields: Map<string, Field>): string | null {
  const field = fields.get(rule.property);
  if (!field) return 'Pick a property';
  if (!rule.operator || !fits(field, rule.operator)) return 'Pick an operator';
  const value = rule.value === '' ? undefined : rule.value;
  if (!valueFits(field, { property: rule.property, operator: rule.operator, value })) {
    if (valueControl(field, rule.operator) === 'related') return 'Pick a blueprint and at least one entity';
    return valueControl(field, rule.operator) === 'tags' || valueControl(field, rule.operator) === 'enumList'
      ? 'Add at least one value'
      : 'Enter a valid value';
  }
  return null;
}

export function draftProblems(root: DraftGroup, fields: Map<string, Field>): Map<string, string> {
  const problems = new Map<string, string>();
  const walk = (node: DraftNode) => {
    if (isDraftGroup(node)) node.rules.forEach(walk);
    else {
      const problem = ruleProblem(node, fields);
      if (problem) problems.set(node.id, problem);
    }
  };
  walk(root);
  return problems;
}
