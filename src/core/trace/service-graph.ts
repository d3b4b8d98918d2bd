import type { Attribute } from '../model/attributes';
import type { Span } from '../model/span';
import type { Trace } from '../model/trace';
import { logLineOf } from '../logs/log-line';
import { criticalPath, isAsyncChild } from './critical-path';
import { selfTimeNs } from './self-time';
import { treeIndex } from './tree-index';
import { hasLinks } from './columns-trace';

export interface ServiceNode {
  /** the service name; for a virtual node, the peer's name (`postgresql`, `payments-api`) */
  readonly service: string;
  /** not instrumented: seen only as the target of client or producer spans that have no child in another service */
  readonly virtual: boolean;
  /** the service owns a root span: where the request came in */
  readonly entry: boolean;
  readonly spanCount: number;
  readonly selfNs: number;
  readonly errorCount: number;
  readonly criticalPathNs: number;
  readonly onCriticalPath: boolean;
  /** indexes into trace.spans, ascending; empty for a virtual node */
  readonly spanIndexes: readonly number[];
}

/** `call`: a request and its answer; `messaging`: a producer's message taken up by a consumer, nobody waiting. */
export type ServiceEdgeKind = 'call' | 'messaging';

export interface ServiceEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: ServiceEdgeKind;
  readonly callCount: number;
  /** calls whose callee span (or, toward a virtual node, the client span) has status ERROR */
  readonly errorCount: number;
  /** sum of the callee spans' durations (the client spans', toward a virtual node) */
  readonly totalNs: number;
  /** some call on this edge is on the critical path */
  readonly onCriticalPath: boolean;
  /** the callee spans (the client spans toward a virtual node), ascending */
  readonly spanIndexes: readonly number[];
}

export interface ServiceGraph {
  /** by name; a virtual node after a real service of the same name */
  readonly nodes: readonly ServiceNode[];
  /** by from, to, kind */
  readonly edges: readonly ServiceEdge[];
}

/**
 * Attributes that name the peer of an uninstrumented call, in the order Tempo's
 * service-graph processor reads them (`peer_attributes`: peer.service, db.name,
 * db.system), then newer and messaging conventions and the address as a last resort.
 */
// Tempo's service graphs name a peer by peer.service, db.name, db.system. Current
// semantic conventions moved db.name to db.namespace, which for Redis is a database
// number ("0"): the system (postgresql, redis, kafka) names a peer better, then the
// address of an external API.
export const PEER_ATTRIBUTES: readonly string[] = ['peer.service', 'db.system.name', 'db.system', 'messaging.system', 'db.namespace', 'db.name', 'server.address', 'net.peer.name'];

/**
 * The services of one trace and the calls between them:
 * - a span whose parent is in another service is one call, parent's service → its
 *   own (client → server, or producer → consumer, which is a `messaging` edge);
 * - a span linked to a producer span of another service (a consumer reached through
 *   a span link rather than a parent) is a `messaging` edge too;
 * - a client or producer span with no child in another service called something
 *   uninstrumented: an edge to a virtual node named by PEER_ATTRIBUTES, when it has one.
 * Critical-path figures come from core's criticalPath (async consumers are never on it).
 */
export function serviceGraph(trace: Trace): ServiceGraph {
  const spans = trace.spans;
  const { parent } = treeIndex(trace);
  const self = selfTimeNs(trace);
  const onPath = new Float64Array(spans.length);
  for (const segment of criticalPath(trace).segments) onPath[segment.spanIndex] = (onPath[segment.spanIndex] as number) + segment.endNs - segment.startNs;

  const nodes = new Map<string, NodeAcc>();
  const node = (service: string, virtual: boolean): NodeAcc => {
    const key = `${virtual ? 'v' : 's'}:${service}`;
    let acc = nodes.get(key);
    if (acc === undefined) {
      acc = { service, virtual, entry: false, spanCount: 0, selfNs: 0, errorCount: 0, criticalPathNs: 0, spanIndexes: [] };
      nodes.set(key, acc);
    }
    return acc;
  };
  const edges = new Map<string, EdgeAcc>();
  const call = (from: string, to: NodeAcc, kind: ServiceEdgeKind, spanIndex: number): void => {
    const key = JSON.stringify([from, to.service, to.virtual, kind]);
    let acc = edges.get(key);
    if (acc === undefined) {
      acc = { from, to: to.service, toVirtual: to.virtual, kind, callCount: 0, errorCount: 0, totalNs: 0, onCriticalPath: false, spanIndexes: [] };
      edges.set(key, acc);
    }
    const span = spans[spanIndex] as Span;
    acc.callCount++;
    if (span.status.code === 'error') acc.errorCount++;
    acc.totalNs += span.endNs - span.startNs;
    if ((onPath[spanIndex] as number) > 0) acc.onCriticalPath = true;
    acc.spanIndexes.push(spanIndex);
  };

  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    const own = node(span.service, false);
    own.spanCount++;
    own.selfNs += self[i] as number;
    own.criticalPathNs += onPath[i] as number;
    if (span.status.code === 'error') own.errorCount++;
    own.spanIndexes.push(i);
    if ((parent[i] as number) < 0) own.entry = true;
  }
  forEachServiceCall(trace, (from, to, toPeer, kind, spanIndex) => call(from, node(to, toPeer), kind, spanIndex));

  const nodeList: ServiceNode[] = [...nodes.values()]
    .map((acc) => ({ ...acc, onCriticalPath: acc.criticalPathNs > 0 || (acc.virtual && virtualOnPath(acc, edges)) }))
    .sort((a, b) => compare(a.service, b.service) || Number(a.virtual) - Number(b.virtual));
  const edgeList: ServiceEdge[] = [...edges.values()]
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || Number(a.toVirtual) - Number(b.toVirtual) || compare(a.kind, b.kind))
    .map(({ toVirtual: _toVirtual, ...edge }) => edge);
  return { nodes: nodeList, edges: edgeList };
}

/** Receives one call between services: `spanIndex` is the callee's span, or toward a peer the caller's client span. */
export type ServiceCallVisitor = (from: string, to: string, toPeer: boolean, kind: ServiceEdgeKind, spanIndex: number) => void;

/**
 * Every call between services in a trace, by the rules of serviceGraph, and
 * nothing else: no self time and no critical path, so a graph over thousands of
 * traces (core/metrics' system graph) pays only for the walk.
 */
export function forEachServiceCall(trace: Trace, visit: ServiceCallVisitor): void {
  const spans = trace.spans;
  const { parent } = treeIndex(trace);
  // a child in another service, per span: decides which client spans called something uninstrumented
  const callsOut = new Uint8Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    const p = parent[i] as number;
    const parentSpan = p < 0 ? undefined : (spans[p] as Span);
    if (parentSpan !== undefined && parentSpan.service !== span.service) {
      callsOut[p] = 1;
      visit(parentSpan.service, span.service, false, isAsyncChild(parentSpan, span) ? 'messaging' : 'call', i);
    }
    // a lazy (protobuf) span says whether it has links without decoding its details
    if (!hasLinks(span)) continue;
    for (const link of span.links) {
      if (link.traceId !== trace.traceId) continue;
      const target = trace.indexById.get(link.spanId);
      if (target === undefined || target === p) continue;
      const producer = spans[target] as Span;
      if (producer.kind !== 'producer' || producer.service === span.service) continue;
      callsOut[target] = 1;
      visit(producer.service, span.service, false, 'messaging', i);
      break; // one message per consumer span, however many links it carries
    }
  }
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    if (callsOut[i] === 1 || (span.kind !== 'client' && span.kind !== 'producer')) continue;
    const peer = peerName(span);
    if (peer === undefined || peer === span.service) continue;
    visit(span.service, peer, true, span.kind === 'producer' ? 'messaging' : 'call', i);
  }
}

interface NodeAcc {
  readonly service: string;
  readonly virtual: boolean;
  entry: boolean;
  spanCount: number;
  selfNs: number;
  errorCount: number;
  criticalPathNs: number;
  readonly spanIndexes: number[];
}

interface EdgeAcc {
  readonly from: string;
  readonly to: string;
  readonly toVirtual: boolean;
  readonly kind: ServiceEdgeKind;
  callCount: number;
  errorCount: number;
  totalNs: number;
  onCriticalPath: boolean;
  readonly spanIndexes: number[];
}

/** A virtual node has no spans of its own: it is on the path when a client span calling it is. */
function virtualOnPath(node: NodeAcc, edges: ReadonlyMap<string, EdgeAcc>): boolean {
  for (const edge of edges.values()) if (edge.toVirtual && edge.to === node.service && edge.onCriticalPath) return true;
  return false;
}

function peerName(span: Span): string | undefined {
  for (const key of PEER_ATTRIBUTES) {
    const attribute = find(span.attributes, key);
    if (attribute === undefined) continue;
    const text = logLineOf(attribute.value);
    if (text !== '') return text;
  }
  return undefined;
}

function find(attributes: readonly Attribute[], key: string): Attribute | undefined {
  for (const a of attributes) if (a.key === key) return a;
  return undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
