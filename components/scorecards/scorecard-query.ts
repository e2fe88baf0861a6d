import { RELATED_TO_FIELD } from '@/lib/catalog-view/fields';
import { emptyGroup, isGroup, toApiNode, type Group, type Node } from '@/lib/catalog-view/rule-tree';
import type { QueryTree } from '@/lib/domain/scorecard-rules';
import { SCORECARD_KEY_PREFIX } from '@/lib/catalog-view/scorecard-fields';

// A scorecard's filter and rule conditions are query trees of the search body (API form); the
// catalog's filter builder edits its own form of the same tree (a relatedTo rule is a rule on the
// "Related to…" field with its fields in `value`). These two convert between them, so the editor
// uses the catalog's builder unchanged (issue 12: "the same component, the same operators").

/** The search body's tree -> the catalog's (what the filter builder edits). */
export function fromApiTree(tree: QueryTree | null | undefined): Group {
  if (!tree || !isGroup(tree)) return emptyGroup();
  return fromApiNode(tree) as Group;
}

function fromApiNode(node: unknown): Node {
  if (isGroup(node)) return { combinator: node.combinator, rules: node.rules.map(fromApiNode) };
  const rule = (node ?? {}) as Record<string, unknown>;
  if (rule.operator === 'relatedTo') {
    const value = Array.isArray(rule.value) ? rule.value : typeof rule.value === 'string' ? [rule.value] : [];
    return {
      property: RELATED_TO_FIELD.key,
      operator: 'relatedTo',
      value: { blueprint: rule.blueprint, value, direction: rule.direction, max_hops: rule.max_hops ?? 1 },
    };
  }
  // A scorecard search rule (a saved view's filter may hold one; a scorecard's own cannot).
  if (typeof rule.scorecard === 'string') {
    const property = `${SCORECARD_KEY_PREFIX}${rule.scorecard}${typeof rule.rule === 'string' ? `.${rule.rule}` : ''}`;
    return { property, operator: rule.operator, value: rule.value } as Node;
  }
  return rule as Node;
}

/** The catalog's tree -> the search body's (what the scorecard routes take). */
export function toApiTree(group: Group): QueryTree {
  return toApiNode(group) as QueryTree;
}

/** Whether a tree has no rule at all (an empty filter: the scorecard applies to every entity). */
export function isEmptyTree(tree: QueryTree | Group | null | undefined): boolean {
  return !tree || tree.rules.length === 0;
}
