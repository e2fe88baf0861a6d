'use client';

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import Link from 'next/link';
import { COMPACT_NODE_SIZE, NODE_SIZE } from './layout-graph';

// One entity in the graph: its blueprint (icon, colour), title and identifier, as a link to its
// page (click, or Tab to it and Enter). The entity the graph is about is highlighted. Links enter
// on the left and leave on the right (the handles are invisible: nothing is drawn by hand here).
// In a big graph (`compact`) a node shows its icon and title only; the rest is in its tooltip.

export type EntityNodeData = {
  href: string;
  identifier: string;
  title: string | null;
  blueprintTitle: string;
  icon: string | null;
  color: string;
  focus: boolean;
  compact: boolean;
};
export type EntityNodeType = Node<EntityNodeData, 'entity'>;

/** The link's name starts with the text it shows, in the order shown (WCAG 2.5.3, axe's label-content-name-mismatch). */
function accessibleName(data: EntityNodeData): string {
  const name = data.title ?? data.identifier;
  if (data.compact) return `${name} (${data.blueprintTitle} ${data.identifier})`;
  return data.title ? `${data.blueprintTitle} ${name} ${data.identifier}` : `${data.blueprintTitle} ${name}`;
}

export function EntityNode({ data }: NodeProps<EntityNodeType>) {
  const size = data.compact ? COMPACT_NODE_SIZE : NODE_SIZE;
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} className="!h-1 !w-1 !min-w-0 !border-0 !bg-transparent" />
      <Link
        href={data.href}
        aria-label={`${accessibleName(data)}${data.focus ? ', the entity of this page' : ''}`}
        data-testid="graph-node"
        data-identifier={data.identifier}
        title={`${data.blueprintTitle}: ${data.identifier}`}
        style={{ width: size.width, height: size.height, borderLeftColor: data.color }}
        className={`flex flex-col justify-center rounded-lg border border-l-4 shadow-sm ${data.compact ? 'px-2' : 'px-3'} transition hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${
          data.focus ? 'border-indigo-400 bg-indigo-50 ring-2 ring-indigo-400' : 'border-slate-200 bg-white hover:border-slate-300'
        }`}
      >
        {data.compact ? (
          <span className="flex items-center gap-1 truncate text-[13px] font-medium text-slate-900">
            {data.icon && <span aria-hidden>{data.icon}</span>}
            <span className="truncate">{data.title ?? data.identifier}</span>
          </span>
        ) : (
          <>
            <span className="flex items-center gap-1 truncate text-[11px] leading-4 text-slate-500">
              {data.icon && <span aria-hidden>{data.icon}</span>}
              <span className="truncate" style={{ color: data.color }}>
                {data.blueprintTitle}
              </span>
            </span>{' '}
            {/* The spaces between the lines keep the words apart in the text read for the link (axe joins text nodes as they are). */}
            <span className="truncate text-sm font-medium leading-5 text-slate-900">{data.title ?? data.identifier}</span>{' '}
            {data.title && <span className="truncate font-mono text-[11px] leading-4 text-slate-500">{data.identifier}</span>}
          </>
        )}
      </Link>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!h-1 !w-1 !min-w-0 !border-0 !bg-transparent" />
    </>
  );
}
