'use client';

import '@xyflow/react/dist/style.css';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge } from '@xyflow/react';
import { usePathname } from 'next/navigation';
import { useMemo, useState } from 'react';
import { entityApiPath, entityHref } from '@/components/entity/entity-href';
import type { EntityGraph } from '@/lib/relations/get-entity-graph';
import { api, queryKeys } from '@/lib/web/api-client';
import { blueprintColors } from './blueprint-colors';
import { edgeLabels } from './edge-labels';
import { GraphControls } from './graph-controls';
import { graphQuery, type GraphView } from './graph-view';
import { EntityNode, type EntityNodeType } from './entity-node';
import { COMPACT_FROM, COMPACT_NODE_SIZE, layerGapFor, layoutGraph, NODE_SIZE } from './layout-graph';

// The dependency graph N hops around one entity (GET .../graph), drawn by React Flow and laid out
// by dagre: pan, zoom, a minimap, each entity a link to its page. Direction and hops live in the
// URL, so a view can be shared. Relation titles label the links (one label per pair of entities) while the graph is small enough to
// read them; past LABEL_LIMIT links they would only be noise, and the legend says so.

export type BlueprintInfo = { id: string; title: string; icon: string | null };
type Props = { team: string; blueprint: string; identifier: string; initialView: GraphView; blueprints: BlueprintInfo[] };

const NODE_LIMIT = 200;
const LABEL_LIMIT = 40;
/** A small graph fits the panel whole: a minimap would only hide part of it. */
const MINIMAP_FROM = 30;
const nodeTypes = { entity: EntityNode };

export function EntityGraphView({ team, blueprint, identifier, initialView, blueprints }: Props) {
  const pathname = usePathname();
  const [view, setView] = useState(initialView);
  const graph = useQuery({
    queryKey: queryKeys.entityGraph(team, blueprint, identifier, view.direction, view.hops),
    queryFn: () =>
      api<EntityGraph>(
        `${entityApiPath(team, blueprint, identifier)}/graph?direction=${view.direction}&max_hops=${view.hops}&limit=${NODE_LIMIT}`,
      ),
    placeholderData: keepPreviousData,
  });
  const drawn = useMemo(
    () => (graph.data ? draw(graph.data, { team, blueprint, identifier, view }, blueprints) : null),
    [graph.data, team, blueprint, identifier, view, blueprints],
  );

  // The URL follows the view (shareable, kept on reload) without a round trip to the server.
  const change = (next: GraphView) => {
    setView(next);
    window.history.replaceState(null, '', `${pathname}?${graphQuery(next)}`);
  };

  return (
    <section aria-label="Dependency graph" className="space-y-3">
      <GraphControls view={view} onChange={change} pending={graph.isFetching} />
      {graph.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          Could not load the graph: {graph.error.message}
        </p>
      )}
      {drawn?.truncated && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This neighbourhood is larger than {NODE_LIMIT} entities: the nearest {drawn.nodes.length} are shown. Fewer hops, or one direction,
          shows all of a smaller one.
        </p>
      )}
      <div className="relative h-[68vh] min-h-[28rem] overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {!drawn && !graph.error && <GraphSkeleton />}
        {drawn && (
          <ReactFlow
            key={`${view.direction}-${view.hops}`}
            nodes={drawn.nodes}
            edges={drawn.edges}
            nodeTypes={nodeTypes}
            fitView
            fitViewOptions={{ padding: 0.08, maxZoom: 1.1 }}
            minZoom={0.05}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            // Selectable, or React Flow gives nodes no pointer events and the pane takes the click.
            elementsSelectable
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={24} color="#e2e8f0" />
            <Controls showInteractive={false} position="bottom-left" />
            {drawn.nodes.length > MINIMAP_FROM && (
              <MiniMap
                pannable
                zoomable
                position="bottom-right"
                style={{ width: 160, height: 100 }}
                nodeColor={(n) => (n.data as EntityNodeType['data']).color}
                nodeStrokeWidth={3}
                ariaLabel="Minimap"
              />
            )}
          </ReactFlow>
        )}
        {drawn && drawn.edges.length === 0 && (
          <p
            role="status"
            className="absolute inset-x-0 top-6 mx-auto w-fit rounded-md border border-slate-200 bg-white/95 px-4 py-2 text-sm text-slate-600 shadow-sm"
          >
            {view.direction === 'both'
              ? 'No links to or from this entity yet.'
              : `No ${view.direction === 'upstream' ? 'dependencies' : 'dependents'} yet.`}{' '}
            Links are set on the entity form, for the relations its blueprint defines.
          </p>
        )}
      </div>
      {drawn && <Legend drawn={drawn} />}
    </section>
  );
}

type Drawn = {
  nodes: EntityNodeType[];
  edges: Edge[];
  truncated: boolean;
  kinds: Array<BlueprintInfo & { color: string; count: number }>;
  labelled: boolean;
};

/**
 * Nodes link to their own graph with the same view, so the graph can be walked entity by entity;
 * the entity of the page links to its overview.
 */
function draw(
  graph: EntityGraph,
  at: { team: string; blueprint: string; identifier: string; view: GraphView },
  blueprints: BlueprintInfo[],
): Drawn {
  const { team, blueprint, identifier, view } = at;
  const info = new Map(blueprints.map((b) => [b.id, b]));
  const colors = blueprintColors(graph.nodes.map((n) => n.blueprint));
  const labelled = graph.edges.length <= LABEL_LIMIT;
  const compact = graph.nodes.length > COMPACT_FROM;
  const size = compact ? COMPACT_NODE_SIZE : NODE_SIZE;
  const labels = labelled ? edgeLabels(graph.edges) : [];
  const longest = Math.max(0, ...labels.map((l) => l?.length ?? 0));
  const nodes: EntityNodeType[] = layoutGraph(graph.nodes, graph.edges, size, layerGapFor(longest)).map((n) => {
    const focus = n.blueprint === blueprint && n.identifier === identifier;
    return {
      id: n.id,
      type: 'entity',
      position: { x: n.x, y: n.y },
      // Known sizes: the minimap and fitView need them before the nodes are measured.
      width: size.width,
      height: size.height,
      data: {
        href: focus
          ? entityHref(team, n.blueprint, n.identifier)
          : `${entityHref(team, n.blueprint, n.identifier, 'graph')}?${graphQuery(view)}`,
        identifier: n.identifier,
        title: n.title,
        blueprintTitle: info.get(n.blueprint)?.title ?? n.blueprint,
        icon: info.get(n.blueprint)?.icon ?? null,
        color: colors.get(n.blueprint)!,
        focus,
        compact,
      },
    };
  });
  const edges: Edge[] = graph.edges.map((e, i) => ({
    id: `${e.source}-${e.relation}-${e.target}-${i}`,
    source: e.source,
    target: e.target,
    label: labels[i],
    labelStyle: { fontSize: 11, fill: '#475569' },
    labelBgStyle: { fill: '#f8fafc' },
    labelBgPadding: [4, 2] as [number, number],
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#94a3b8' },
    style: { stroke: '#94a3b8', strokeWidth: 1.25 },
  }));
  const counts = new Map<string, number>();
  for (const n of graph.nodes) counts.set(n.blueprint, (counts.get(n.blueprint) ?? 0) + 1);
  const kinds = [...counts].map(([id, count]) => ({
    id,
    title: info.get(id)?.title ?? id,
    icon: info.get(id)?.icon ?? null,
    color: colors.get(id)!,
    count,
  }));
  return { nodes, edges, truncated: graph.truncated, kinds, labelled };
}

function Legend({ drawn }: { drawn: Drawn }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600" data-testid="graph-legend">
      <span>
        {drawn.nodes.length.toLocaleString('en-US')} {drawn.nodes.length === 1 ? 'entity' : 'entities'} ·{' '}
        {drawn.edges.length.toLocaleString('en-US')} {drawn.edges.length === 1 ? 'link' : 'links'}
      </span>
      {drawn.kinds.map((k) => (
        <span key={k.id} className="inline-flex items-center gap-1.5">
          <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ background: k.color }} />
          {k.icon && <span aria-hidden>{k.icon}</span>}
          {k.title} ({k.count})
        </span>
      ))}
      <span className="text-slate-500">
        Arrows point at what an entity depends on.{drawn.labelled ? '' : ` Relation names show on graphs of up to ${LABEL_LIMIT} links.`}
      </span>
    </div>
  );
}

function GraphSkeleton() {
  return (
    <div className="flex h-full items-center justify-center gap-16" aria-busy="true" aria-label="Loading the graph">
      {[3, 1, 4].map((n, col) => (
        <div key={col} className="space-y-4">
          {Array.from({ length: n }, (_, i) => (
            <div key={i} className="h-14 w-52 animate-pulse rounded-lg bg-slate-100" />
          ))}
        </div>
      ))}
    </div>
  );
}
