import { useMemo, type KeyboardEvent } from 'react';
import { formatDurationNs, serviceGraph, serviceMapLayout, type ServiceGraph, type ServiceMapLayout, type ServiceNode, type Trace } from '../../../core';
import { serviceColor } from '../../../ui/service-color';
import styles from './ServiceMap.module.css';
import { labelText } from '../../../ui/label-text';

interface Props {
  readonly trace: Trace;
  /** the service whose spans the waterfall is filtered to, if any */
  readonly activeService: string | undefined;
  readonly onNode: (node: ServiceNode) => void;
}

const MIN_RADIUS_PX = 14;
const MAX_RADIUS_PX = 34;
const MARGIN_PX = 40;

interface MapModel {
  readonly graph: ServiceGraph;
  readonly layout: ServiceMapLayout;
  readonly radius: readonly number[];
  readonly indexOf: ReadonlyMap<string, number>;
}

const models = new WeakMap<Trace, MapModel>();

/** Graph and layout once per trace (STYLE.md rule 7). Virtual nodes share a name with no real one, so the key adds the flag. */
function modelOf(trace: Trace): MapModel {
  let model = models.get(trace);
  if (!model) {
    const graph = serviceGraph(trace);
    const indexOf = new Map<string, number>();
    graph.nodes.forEach((n, i) => {
      if (!indexOf.has(n.service)) indexOf.set(n.service, i);
    });
    const edges = graph.edges.map((e) => ({ from: indexOf.get(e.from) ?? -1, to: indexOf.get(e.to) ?? -1 }));
    const layout = serviceMapLayout(graph.nodes.length, edges);
    const maxSelf = graph.nodes.reduce((m, n) => Math.max(m, n.selfNs), 0);
    // area, not radius, proportional to self time: a node twice as busy looks twice as big
    const radius = graph.nodes.map((n) => MIN_RADIUS_PX + (maxSelf > 0 ? Math.sqrt(n.selfNs / maxSelf) : 0) * (MAX_RADIUS_PX - MIN_RADIUS_PX));
    model = { graph, layout, radius, indexOf };
    models.set(trace, model);
  }
  return model;
}

/** The Service map tab: the trace's services left (callers) to right (callees), laid out by core. */
export function ServiceMapView({ trace, activeService, onNode }: Props) {
  const { graph, layout, radius, indexOf } = useMemo(() => modelOf(trace), [trace]);
  const width = layout.width + 2 * MARGIN_PX;
  const height = layout.height + 2 * MARGIN_PX;
  const onKey = (event: KeyboardEvent, node: ServiceNode) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onNode(node);
  };
  return (
    <section className={styles.view} aria-label="Service map">
      <p className={styles.legend}>
        Circle area: self time. Edges: calls (and errors) from caller to callee; <span className={styles.criticalKey}>thick</span> edges are on the critical path. Click a service to show its spans in
        the waterfall.
      </p>
      <div className={styles.scroller}>
        <svg className={styles.svg} width={width} height={height} viewBox={`${-MARGIN_PX} ${-MARGIN_PX} ${width} ${height}`} role="group" aria-label="Services and the calls between them">
          <defs>
            <marker id="service-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHead} />
            </marker>
          </defs>
          {graph.edges.map((edge, k) => {
            const a = indexOf.get(edge.from);
            const b = indexOf.get(edge.to);
            if (a === undefined || b === undefined) return null;
            const path = edgePath(layout, radius, a, b);
            return (
              <g key={k} className={`${styles.edge}${edge.onCriticalPath ? ` ${styles.critical}` : ''}${edge.errorCount > 0 ? ` ${styles.edgeError}` : ''}`} data-testid="map-edge" data-critical={edge.onCriticalPath || undefined}>
                <title>{`${edge.from} → ${edge.to}: ${edge.callCount} ${edge.kind === 'messaging' ? 'messages' : 'calls'}, ${edge.errorCount} errors, ${formatDurationNs(edge.totalNs)}`}</title>
                <path d={path.d} markerEnd="url(#service-map-arrow)" strokeDasharray={edge.kind === 'messaging' ? '5 4' : undefined} />
                <text x={path.labelX} y={path.labelY} className={styles.edgeLabel} textAnchor="middle">
                  {edge.callCount}×{edge.errorCount > 0 ? ` · ${edge.errorCount} err` : ''}
                </text>
              </g>
            );
          })}
          {graph.nodes.map((node, i) => {
            const x = layout.x[i] as number;
            const y = layout.y[i] as number;
            const r = radius[i] as number;
            const active = node.service === activeService;
            return (
              <g
                key={`${node.service}/${node.virtual}`}
                className={`${styles.node}${active ? ` ${styles.active}` : ''}${node.virtual ? ` ${styles.virtual}` : ''}`}
                transform={`translate(${x} ${y})`}
                role="button"
                tabIndex={0}
                aria-pressed={active}
                aria-label={`${labelText(node.service)}${node.virtual ? ' (not instrumented)' : ''}: ${node.spanCount} spans, self time ${formatDurationNs(node.selfNs)}, ${node.errorCount} errors`}
                data-testid="map-node"
                data-service={node.service}
                onClick={() => onNode(node)}
                onKeyDown={(e) => onKey(e, node)}
              >
                <title>{`${labelText(node.service)}: ${node.spanCount} spans, self ${formatDurationNs(node.selfNs)}, critical path ${formatDurationNs(node.criticalPathNs)}, ${node.errorCount} errors`}</title>
                <circle r={r} style={{ fill: node.virtual ? undefined : serviceColor(node.service) }} className={node.onCriticalPath ? styles.nodeCritical : undefined} />
                {node.errorCount > 0 && <circle r={r + 4} className={styles.errorRing} />}
                <text y={r + 16} textAnchor="middle" className={styles.nodeLabel}>
                  {labelText(node.service)}
                </text>
                <text y={r + 30} textAnchor="middle" className={styles.nodeSub}>
                  {formatDurationNs(node.selfNs)}
                  {node.errorCount > 0 ? ` · ${node.errorCount} err` : ''}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </section>
  );
}

/** A curve from the edge of one circle to the edge of the other; back edges (callee → earlier caller) bow below. */
function edgePath(layout: ServiceMapLayout, radius: readonly number[], a: number, b: number): { d: string; labelX: number; labelY: number } {
  const x1 = layout.x[a] as number;
  const y1 = layout.y[a] as number;
  const x2 = layout.x[b] as number;
  const y2 = layout.y[b] as number;
  const r1 = radius[a] as number;
  const r2 = (radius[b] as number) + 3;
  if (x2 > x1) {
    const sx = x1 + r1;
    const ex = x2 - r2;
    const mx = (sx + ex) / 2;
    return { d: `M${sx},${y1} C${mx},${y1} ${mx},${y2} ${ex},${y2}`, labelX: mx, labelY: (y1 + y2) / 2 - 6 };
  }
  // same layer or backwards: loop below both nodes
  const dip = Math.max(y1, y2) + Math.max(r1, r2) + 40;
  return { d: `M${x1},${y1 + r1} C${x1},${dip} ${x2},${dip} ${x2},${y2 + r2}`, labelX: (x1 + x2) / 2, labelY: dip - 8 };
}
