import { useMemo, type KeyboardEvent } from 'react';
import { formatDurationNs, serviceGraph, type ServiceGraph, type ServiceNode, type Trace } from '../../../core';
import { serviceMapLayout, type MeasureText, type Point, type ServiceMapLayout } from '../../../core/layout/service-map-layout';
import { serviceColor } from '../../../ui/service-color';
import { labelText } from '../../../ui/label-text';
import { pageTextMeasure } from './text-measure';
import styles from './ServiceMap.module.css';

interface Props {
  readonly trace: Trace;
  /** the service whose spans the waterfall is filtered to, if any */
  readonly activeService: string | undefined;
  readonly onNode: (node: ServiceNode) => void;
  /** how text is measured for the layout; the page's font unless a test passes its own */
  readonly measure?: MeasureText;
}

/** Disc area, not diameter, is proportional to self time: a service twice as busy looks twice as big. */
const MIN_DISC_PX = 10;
const MAX_DISC_PX = 28;
/** A service name longer than this is cut in the box (the whole name is in the tooltip and the accessible name). */
const MAX_TITLE_CHARS = 40;

interface NodeText {
  readonly title: string;
  readonly detail: string;
  /** the node's accessible name: its visible text first (WCAG 2.5.3), then what the picture shows */
  readonly name: string;
}

interface MapModel {
  readonly graph: ServiceGraph;
  readonly layout: ServiceMapLayout;
  readonly text: readonly NodeText[];
  readonly discPx: readonly number[];
}

const models = new WeakMap<Trace, WeakMap<MeasureText, MapModel>>();

/** Graph and layout once per trace and measure (STYLE.md rule 7). */
function modelOf(trace: Trace, measure: MeasureText): MapModel {
  let byMeasure = models.get(trace);
  if (!byMeasure) {
    byMeasure = new WeakMap();
    models.set(trace, byMeasure);
  }
  let model = byMeasure.get(measure);
  if (!model) {
    const graph = serviceGraph(trace);
    // a virtual node shares its name with no real node, but may with a real one (it is listed after it):
    // an edge names its ends by service only, so it goes to the first node of that name
    const indexOf = new Map<string, number>();
    graph.nodes.forEach((n, i) => {
      if (!indexOf.has(n.service)) indexOf.set(n.service, i);
    });
    const maxSelf = graph.nodes.reduce((m, n) => Math.max(m, n.selfNs), 0);
    const discPx = graph.nodes.map((n) => (n.virtual ? MIN_DISC_PX : MIN_DISC_PX + (maxSelf > 0 ? Math.sqrt(n.selfNs / maxSelf) : 0) * (MAX_DISC_PX - MIN_DISC_PX)));
    const text = graph.nodes.map(nodeText);
    const layout = serviceMapLayout(
      graph.nodes.map((_, i) => ({ title: (text[i] as NodeText).title, detail: (text[i] as NodeText).detail, discPx: discPx[i] as number })),
      graph.edges.map((e) => ({ from: indexOf.get(e.from) ?? -1, to: indexOf.get(e.to) ?? -1, label: edgeLabel(e.callCount, e.errorCount), calls: e.callCount })),
      measure,
    );
    model = { graph, layout, text, discPx };
    byMeasure.set(measure, model);
  }
  return model;
}

function nodeText(node: ServiceNode): NodeText {
  const title = labelText(node.service, MAX_TITLE_CHARS);
  // an uninstrumented peer has no spans of its own: its self time is unknown, not zero
  const errors = node.errorCount > 0 ? ` · ${node.errorCount} ${node.errorCount === 1 ? 'error' : 'errors'}` : '';
  const detail = node.virtual ? `not instrumented${errors}` : `self ${formatDurationNs(node.selfNs)}${errors}`;
  const facts = node.virtual
    ? `called by instrumented spans; ${node.onCriticalPath ? 'on the critical path' : 'not on the critical path'}`
    : `${node.spanCount} ${node.spanCount === 1 ? 'span' : 'spans'}, ${node.criticalPathNs > 0 ? `critical path ${formatDurationNs(node.criticalPathNs)}` : 'not on the critical path'}${node.entry ? ', entry point' : ''}`;
  const fullName = title === node.service ? '' : ` (${labelText(node.service)})`;
  return { title, detail, name: `${title} ${detail}${fullName}: ${facts}` };
}

function edgeLabel(calls: number, errors: number): string {
  return `${calls}×${errors > 0 ? ` · ${errors} err` : ''}`;
}

/** The Service map tab: the trace's services left (callers) to right (callees), laid out by core. */
export function ServiceMapView({ trace, activeService, onNode, measure: measureProp }: Props) {
  const measure = useMemo(() => measureProp ?? sharedMeasure(), [measureProp]);
  const { graph, layout, text, discPx } = useMemo(() => modelOf(trace, measure), [trace, measure]);
  const onKey = (event: KeyboardEvent, node: ServiceNode) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onNode(node);
  };
  return (
    <section className={styles.view} aria-label="Service map">
      <p className={styles.legend}>
        Disc area: self time. Arrows: calls (dashed: messages) from caller to callee, wider for more calls;{' '}
        <span className={styles.criticalKey}>
          <svg width="22" height="8" aria-hidden="true">
            <path d="M1,4 H21" />
          </svg>{' '}
          highlighted
        </span>{' '}
        arrows are on the critical path. Click a service to show its spans in the waterfall.
      </p>
      <div className={styles.scroller}>
        <svg className={styles.svg} width={Math.max(1, layout.width)} height={Math.max(1, layout.height)} viewBox={`0 0 ${Math.max(1, layout.width)} ${Math.max(1, layout.height)}`} role="group" aria-label="Services and the calls between them">
          <defs>
            <marker id="service-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHead} />
            </marker>
            <marker id="service-map-arrow-critical" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto">
              <path d="M0,0 L10,5 L0,10 z" className={styles.arrowHeadCritical} />
            </marker>
          </defs>
          {graph.edges.map((edge, k) => {
            const placed = layout.edges[k];
            if (!placed || placed.points.length < 2) return null;
            const d = roundedPath(placed.points);
            const classes = [styles.edge, edge.onCriticalPath ? styles.critical : '', edge.errorCount > 0 ? styles.edgeError : ''].filter(Boolean).join(' ');
            return (
              <g key={k} className={classes} data-testid="map-edge" data-critical={edge.onCriticalPath || undefined} data-from={edge.from} data-to={edge.to}>
                <title>{`${labelText(edge.from)} → ${labelText(edge.to)}: ${edge.callCount} ${edge.kind === 'messaging' ? 'messages' : 'calls'}, ${edge.errorCount} errors, ${formatDurationNs(edge.totalNs)}${edge.onCriticalPath ? ', on the critical path' : ''}`}</title>
                {edge.onCriticalPath && <path d={d} className={styles.halo} style={{ strokeWidth: placed.strokePx + 6 }} />}
                <path
                  d={d}
                  className={styles.line}
                  style={{ strokeWidth: placed.strokePx }}
                  markerEnd={edge.onCriticalPath ? 'url(#service-map-arrow-critical)' : 'url(#service-map-arrow)'}
                  strokeDasharray={edge.kind === 'messaging' ? '5 4' : undefined}
                  data-stroke-px={placed.strokePx.toFixed(2)}
                />
                <text x={placed.labelX} y={placed.labelY} className={styles.edgeLabel} textAnchor="middle" dominantBaseline="central">
                  {edgeLabel(edge.callCount, edge.errorCount)}
                </text>
              </g>
            );
          })}
          {graph.nodes.map((node, i) => {
            const x = layout.x[i] as number;
            const y = layout.y[i] as number;
            const w = layout.nodeWidth[i] as number;
            const h = layout.nodeHeight[i] as number;
            const t = text[i] as NodeText;
            const active = node.service === activeService;
            const classes = [styles.node, active ? styles.active : '', node.virtual ? styles.virtual : '', node.onCriticalPath ? styles.nodeCritical : '', node.errorCount > 0 ? styles.nodeError : ''].filter(Boolean).join(' ');
            return (
              // the tooltip's <title> sits outside the button: inside it, it would count as the button's visible text
              <g key={`${node.service}/${node.virtual}`} transform={`translate(${x} ${y})`}>
                <title>{t.name}</title>
                <g
                  className={classes}
                  role="button"
                  tabIndex={0}
                  aria-pressed={active}
                  aria-label={t.name}
                  data-testid="map-node"
                  data-service={node.service}
                  onClick={() => onNode(node)}
                  onKeyDown={(e) => onKey(e, node)}
                >
                  <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={6} className={styles.box} />
                  <circle cx={layout.discX[i]} r={(discPx[i] as number) / 2} className={styles.disc} style={{ fill: node.virtual ? undefined : serviceColor(node.service) }} />
                  <text x={layout.textX[i]} y={layout.titleY[i]} dominantBaseline="central" className={styles.nodeLabel}>
                    {t.title}
                  </text>
                  {/* a space between the lines, so the text reads "payment self 3ms" to assistive technology too */}{' '}
                  <text x={layout.textX[i]} y={layout.detailY[i]} dominantBaseline="central" className={styles.nodeSub}>
                    {t.detail}
                  </text>
                </g>
              </g>
            );
          })}
        </svg>
      </div>
    </section>
  );
}

let pageMeasure: MeasureText | undefined;
/** One measure for the page, so its cache (and the layouts keyed by it) last across renders. */
function sharedMeasure(): MeasureText {
  pageMeasure ??= pageTextMeasure();
  return pageMeasure;
}

/**
 * The routed polyline with its bends rounded: dagre's points keep the line clear of
 * the boxes, and a corner radius of at most 10 px (and half of either segment) keeps
 * the curve within a few px of them.
 */
function roundedPath(points: readonly Point[]): string {
  const first = points[0] as Point;
  let d = `M${first.x.toFixed(1)},${first.y.toFixed(1)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1] as Point;
    const at = points[i] as Point;
    const next = points[i + 1] as Point;
    const r = Math.min(10, Math.hypot(at.x - prev.x, at.y - prev.y) / 2, Math.hypot(next.x - at.x, next.y - at.y) / 2);
    const a = towards(at, prev, r);
    const b = towards(at, next, r);
    d += ` L${a.x.toFixed(1)},${a.y.toFixed(1)} Q${at.x.toFixed(1)},${at.y.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
  }
  const last = points[points.length - 1] as Point;
  return `${d} L${last.x.toFixed(1)},${last.y.toFixed(1)}`;
}

function towards(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  if (length === 0) return from;
  return { x: from.x + ((to.x - from.x) * distance) / length, y: from.y + ((to.y - from.y) * distance) / length };
}
