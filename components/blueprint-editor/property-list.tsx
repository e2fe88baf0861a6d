'use client';

import { newProperty, type SchemaNode } from '@/lib/blueprint-editor/schema-model';
import { PropertyRow } from './property-row';

// The ordered properties of an object (the blueprint's root, a nested object, an array's item
// object): add, remove, move up and down. Order is meaningful: it is the entity form's order.

type Props = {
  nodes: SchemaNode[];
  onChange(nodes: SchemaNode[]): void;
  /** JSON pointer of the object in the schema, for the server's error paths and test ids. */
  pointer: string;
  errors: Record<string, string>;
  depth?: number;
};

function freeName(nodes: SchemaNode[]): string {
  for (let i = nodes.length + 1; ; i++) if (!nodes.some((n) => n.name === `property_${i}`)) return `property_${i}`;
}

export function PropertyList({ nodes, onChange, pointer, errors, depth = 0 }: Props) {
  const replace = (index: number, next: SchemaNode) => onChange(nodes.map((n, i) => (i === index ? next : n)));
  const remove = (index: number) => onChange(nodes.filter((_, i) => i !== index));
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= nodes.length) return;
    const next = [...nodes];
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
  };
  // Each row's name field is named by its place, so a screen reader tells "Name of property 2 in
  // metadata" from the others (the row's other fields are named after the name itself).
  const owner = [...pointer.matchAll(/\/properties\/([^/]+)/g)].pop()?.[1];
  const duplicates = new Set(nodes.map((n) => n.name).filter((name, i, all) => all.indexOf(name) !== i));

  return (
    <div className={depth > 0 ? 'space-y-2 border-l-2 border-indigo-100 pl-3' : 'space-y-2'}>
      {nodes.length === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-500">No properties yet.</p>
      )}
      {nodes.map((node, index) => (
        <PropertyRow
          key={node.key}
          node={node}
          pointer={`${pointer}/properties/${node.name}`}
          errors={errors}
          nameError={
            !node.name
              ? 'A name is required'
              : duplicates.has(node.name)
                ? 'Another property has this name'
                : !/^[A-Za-z_][A-Za-z0-9_]*$/.test(node.name)
                  ? 'Letters, digits and _ only'
                  : undefined
          }
          nameLabel={`Name of property ${index + 1}${owner ? ` in ${owner}` : ''}`}
          depth={depth}
          first={index === 0}
          last={index === nodes.length - 1}
          onChange={(next) => replace(index, next)}
          onRemove={() => remove(index)}
          onMove={(by) => move(index, by)}
        />
      ))}
      <button
        type="button"
        onClick={() => onChange([...nodes, newProperty(freeName(nodes))])}
        className="rounded-md border border-dashed border-indigo-300 px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        + Add property{depth > 0 ? ' here' : ''}
      </button>
    </div>
  );
}
