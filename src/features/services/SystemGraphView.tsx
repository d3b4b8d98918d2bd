import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { SystemGraph, SystemGraphEdge, SystemGraphNode } from '../../core';
import { systemGraphLayout } from '../../core/layout/system-graph-layout';
import type { DataSource } from '../../state/data-sources';
import { edgeSearch, searchLink, serviceLink, type ServicesView } from '../../state/services-url';
import { labelText } from '../../ui/label-text';
import { formatMs, formatPercent, formatRate } from './red-format';
import styles from './services.module.css';

interface Props {
  readonly graph: SystemGraph;
  readonly view: ServicesView;
  readonly source: DataSource;
  readonly sourceId: string | null;
}

/** Approximate text widths (px at the chart's 12 px font): the layout needs sizes before anything is drawn. */
const CHAR_PX = 7;
const NODE_HEIGHT_PX = 44;
const EDGE_LABEL_HEIGHT_PX = 16;

/** Node colour by error rate: the thresholds an SLO dashboard uses (under 1 % fine, 5 % and more failing). */
export function errorTone(fraction: number | undefined): 'unknown' | 'ok' | 'warn' | 'bad' {
  if (fraction === undefined || !Number.isFinite(fraction)) return 'unknown';
  return fraction >= 0.05 ? 'bad' : fraction >= 0.01 ? 'warn' : 'ok';
}

function nodeFigures(node: SystemGraphNode): string {
  const parts = [node.ratePerSecond !== undefined ? formatRate(node.ratePerSecond) : undefined, node.errorFraction !== undefined ? `${formatPercent(node.errorFraction)} err` : undefined, node.p90Ms !== undefined ? `p90 ${formatMs(node.p90Ms)}` : undefined];
  return parts.filter((p) => p !== undefined).join(' · ');
}

function edgeFigures(edge: SystemGraphEdge): string {
  const parts = [formatRate(edge.callsPerSecond), edge.errorFraction !== undefined ? `${formatPercent(edge.errorFraction)} err` : undefined, edge.p90Ms !== undefined ? `p90 ${formatMs(edge.p90Ms)}` : undefined];
  return parts.filter((p) => p !== undefined).join(' · ');
}

const KIND_WORDS: Record<SystemGraphNode['kind'], string> = { service: 'service', database: 'database', messaging: 'message queue', external: 'external service' };

/**
 * The system's services and the peers they call, laid out by dagre (core's
 * systemGraphLayout): a service is a box coloured by its error rate, a database a
 * cylinder, a queue a slanted box, an external host a dashed box. A service opens its
 * page; an edge opens Search for the traces that cross it. The table below says the
 * same for keyboard and screen reader users.
 */
export function SystemGraphView({ graph, view, source, sourceId }: Props) {
  const navigate = useNavigate();
  const layout = useMemo(
    () =>
      systemGraphLayout(
        graph.nodes.map((node) => ({ id: node.id, widthPx: Math.max(labelText(node.name).length, nodeFigures(node).length) * CHAR_PX + 28, heightPx: NODE_HEIGHT_PX })),
        graph.edges.map((edge) => ({ from: edge.from, to: edge.to, labelWidthPx: edgeFigures(edge).length * (CHAR_PX - 1), labelHeightPx: EDGE_LABEL_HEIGHT_PX })),
      ),
    [graph],
  );
  const nodeById = new Map(graph.nodes.map((node) => [node.id, node]));
  const window = { startMs: graph.range.startMs, endMs: graph.range.endMs };
  const edgeLink = (edge: SystemGraphEdge) => {
    const from = nodeById.get(edge.from);
    const to = nodeById.get(edge.to);
    return searchLink(edgeSearch(from?.name ?? edge.from, { name: to?.name ?? edge.to, peer: to?.kind !== 'service' }, window, source.kind === 'tempo'), sourceId);
  };
  if (graph.nodes.length === 0) return <p className={styles.origin}>No calls between services in this range.</p>;
  const edgeByKey = new Map(graph.edges.map((edge) => [`${edge.from}\u0000${edge.to}`, edge]));

  return (
    <div className={styles.graph}>
      <div className={styles.graphScroll}>
        <svg width={layout.widthPx} height={layout.heightPx} className={styles.graphSvg} role="group" aria-label={`Service graph: ${graph.nodes.length} nodes, ${graph.edges.length} calls between them`}>
          <defs>
            <marker id="system-graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0L10,5L0,10z" className={styles.arrowHead} />
            </marker>
          </defs>
          {layout.edges.map((placed) => {
            const edge = edgeByKey.get(`${placed.from}\u0000${placed.to}`);
            if (!edge) return null;
            const d = placed.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join('');
            const figures = edgeFigures(edge);
            const fromName = nodeById.get(edge.from)?.name ?? edge.from;
            const toName = nodeById.get(edge.to)?.name ?? edge.to;
            const link = edgeLink(edge);
            return (
              <a
                key={`${placed.from}→${placed.to}`}
                href={`${link.pathname}${link.search}`}
                className={`${styles.graphEdge} ${styles[`tone-${errorTone(edge.errorFraction)}`] ?? ''}`}
                aria-label={`Traces from ${fromName} to ${toName}: ${figures}`}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate(link);
                }}
              >
                <path d={d} className={styles.edgeHit} />
                <path d={d} className={styles.edgeLine} markerEnd="url(#system-graph-arrow)" />
                {/* above the line, which runs through the label's centre */}
                <text x={placed.labelX} y={placed.labelY - 4} textAnchor="middle" className={styles.edgeLabel}>
                  {figures}
                </text>
              </a>
            );
          })}
          {layout.nodes.map((placed) => {
            const node = nodeById.get(placed.id);
            if (!node) return null;
            const left = placed.x - placed.widthPx / 2;
            const top = placed.y - placed.heightPx / 2;
            const shape = <NodeShape kind={node.kind} left={left} top={top} width={placed.widthPx} height={placed.heightPx} />;
            const text = (
              <>
                <text x={placed.x} y={placed.y - 4} textAnchor="middle" className={styles.nodeName}>
                  {labelText(node.name)}
                </text>
                <text x={placed.x} y={placed.y + 12} textAnchor="middle" className={styles.nodeFigures}>
                  {nodeFigures(node) || KIND_WORDS[node.kind]}
                </text>
              </>
            );
            const className = `${styles.graphNode} ${styles[`tone-${errorTone(node.errorFraction)}`] ?? ''} ${styles[`kind-${node.kind}`] ?? ''}`;
            if (node.kind !== 'service') {
              return (
                <g key={node.id} className={className} role="img" aria-label={`${KIND_WORDS[node.kind]} ${node.name}, not instrumented`}>
                  {shape}
                  {text}
                </g>
              );
            }
            const link = serviceLink(node.name, view, sourceId);
            return (
              <a
                key={node.id}
                href={`${link.pathname}${link.search}`}
                className={className}
                aria-label={`${node.name}: ${nodeFigures(node) || 'no figures'}`}
                data-node={node.name}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate(link);
                }}
              >
                {shape}
                {text}
              </a>
            );
          })}
        </svg>
      </div>
      <p className={styles.legend}>
        Colour by error rate: <span className={styles['legend-ok']}>under 1 %</span>, <span className={styles['legend-warn']}>1–5 %</span>, <span className={styles['legend-bad']}>5 % and more</span>. Boxes are services; cylinders databases, slanted boxes queues, dashed boxes external hosts (named by their callers).
      </p>
      <div className="table-scroll">
        <table className={styles.redTable}>
          <caption>Calls between services</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className={styles.numeric}>
                Calls
              </th>
              <th scope="col" className={styles.numeric}>
                Rate
              </th>
              <th scope="col" className={styles.numeric}>
                Errors
              </th>
              <th scope="col" className={styles.numeric}>
                p90
              </th>
            </tr>
          </thead>
          <tbody>
            {graph.edges.map((edge) => {
              const from = nodeById.get(edge.from);
              const to = nodeById.get(edge.to);
              return (
                <tr key={`${edge.from}→${edge.to}`}>
                  <td>{from?.kind === 'service' ? <Link to={serviceLink(from.name, view, sourceId)}>{from.name}</Link> : (from?.name ?? edge.from)}</td>
                  <td>
                    {to?.kind === 'service' ? <Link to={serviceLink(to.name, view, sourceId)}>{to.name}</Link> : `${to?.name ?? edge.to} (${KIND_WORDS[to?.kind ?? 'external']})`}
                  </td>
                  <td className={styles.numeric}>
                    <Link to={edgeLink(edge)} aria-label={`Traces from ${from?.name ?? edge.from} to ${to?.name ?? edge.to}`}>
                      {Math.round(edge.callCount).toLocaleString('en-US')}
                    </Link>
                  </td>
                  <td className={styles.numeric}>{formatRate(edge.callsPerSecond)}</td>
                  <td className={styles.numeric}>{formatPercent(edge.errorFraction)}</td>
                  <td className={styles.numeric}>{formatMs(edge.p90Ms)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function NodeShape({ kind, left, top, width, height }: { kind: SystemGraphNode['kind']; left: number; top: number; width: number; height: number }) {
  if (kind === 'database') {
    const ry = 6;
    return <path className={styles.nodeShape} d={`M${left},${top + ry}A${width / 2},${ry} 0 0 1 ${left + width},${top + ry}V${top + height - ry}A${width / 2},${ry} 0 0 1 ${left},${top + height - ry}Z M${left},${top + ry}A${width / 2},${ry} 0 0 0 ${left + width},${top + ry}`} />;
  }
  if (kind === 'messaging') {
    const slant = 10;
    return <path className={styles.nodeShape} d={`M${left + slant},${top}H${left + width}L${left + width - slant},${top + height}H${left}Z`} />;
  }
  return <rect className={`${styles.nodeShape} ${kind === 'external' ? styles.nodeExternal : ''}`} x={left} y={top} width={width} height={height} rx={kind === 'service' ? 6 : 12} />;
}
