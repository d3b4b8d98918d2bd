import type { TraceId } from '../model/ids';

/**
 * The span tree of one trace on flat arrays indexed like the trace's spans: cycle
 * breaking, children sorted by start then span id, depth-first order and depth.
 * Shared by buildTrace (span objects from JSON) and the protobuf column decoder, so
 * both give the same order and the same warnings. No recursion: a 100,000-deep parent
 * chain is a real input (a runaway retry loop, a long batch).
 */
export interface TreeOrder {
  /** span indexes in depth-first order: roots by (start, id), each followed by its subtree */
  readonly order: Int32Array;
  /** per span index: 0 for roots */
  readonly depth: Int32Array;
  /** root span indexes, sorted by (start, id) */
  readonly roots: Int32Array;
}

export interface TreeInput {
  /** per span: the index of its parent, -1 for none; a link that closes a cycle is set to -1 here */
  readonly parentIndex: Int32Array;
  /** per span: 1 when its parent is named but absent; set to 1 here for spans broken off a cycle */
  readonly orphan: Uint8Array;
  /** per span: ns relative to the trace start */
  readonly startNs: Float64Array;
  /** the order of two spans' ids (as lowercase hex text compares) */
  readonly compareIds: (a: number, b: number) => number;
  /** span id text, for warnings */
  readonly spanIdOf: (i: number) => string;
}

export function orderTree(input: TreeInput, traceId: TraceId, found: string[]): TreeOrder {
  const { parentIndex, startNs, compareIds } = input;
  const n = parentIndex.length;
  breakCycles(input, traceId, found);

  // children as index lists, one slice of `kids` per parent (counting sort by parent)
  const kidsFrom = new Int32Array(n + 1);
  let rootCount = 0;
  for (let i = 0; i < n; i++) {
    const p = parentIndex[i] as number;
    if (p >= 0) kidsFrom[p + 1] = (kidsFrom[p + 1] as number) + 1;
    else rootCount++;
  }
  for (let i = 0; i < n; i++) kidsFrom[i + 1] = (kidsFrom[i + 1] as number) + (kidsFrom[i] as number);
  const kids = new Int32Array(kidsFrom[n] as number);
  const filled = kidsFrom.slice(0, n);
  const roots = new Int32Array(rootCount);
  let r = 0;
  for (let i = 0; i < n; i++) {
    const p = parentIndex[i] as number;
    if (p < 0) {
      roots[r++] = i;
      continue;
    }
    const at = filled[p] as number;
    kids[at] = i;
    filled[p] = at + 1;
  }
  const byStartThenId = (a: number, b: number): number => (startNs[a] as number) - (startNs[b] as number) || compareIds(a, b);
  if (rootCount > 1) roots.sort(byStartThenId);
  for (let p = 0; p < n; p++) {
    const from = kidsFrom[p] as number;
    const to = kidsFrom[p + 1] as number;
    if (to - from > 1) kids.subarray(from, to).sort(byStartThenId);
  }

  // depth-first with an explicit stack
  const order = new Int32Array(n);
  const depth = new Int32Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let k = rootCount - 1; k >= 0; k--) stack[top++] = roots[k] as number;
  let next = 0;
  while (top > 0) {
    const i = stack[--top] as number;
    order[next++] = i;
    const childDepth = (depth[i] as number) + 1;
    for (let k = (kidsFrom[i + 1] as number) - 1; k >= (kidsFrom[i] as number); k--) {
      const child = kids[k] as number;
      depth[child] = childDepth;
      stack[top++] = child;
    }
  }
  return { order, depth, roots };
}

/**
 * Walks up from every span; meeting a span already on the current walk is a cycle.
 * The span whose parent link closes the cycle becomes an orphan root. Each span is
 * walked once overall (state 2 = known to reach a root), so this is O(n).
 */
function breakCycles({ parentIndex, orphan, spanIdOf }: TreeInput, traceId: TraceId, found: string[]): void {
  const n = parentIndex.length;
  const state = new Uint8Array(n); // 0 unseen, 1 on the current walk, 2 reaches a root
  const walk: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state[i] !== 0) continue;
    let at = i;
    while (at >= 0 && state[at] === 0) {
      state[at] = 1;
      walk.push(at);
      const p = parentIndex[at] as number;
      if (p >= 0 && state[p] === 1) {
        const cycle = walk.slice(walk.indexOf(p)).map(spanIdOf);
        found.push(
          `trace ${traceId}: parent cycle ${[...cycle.slice(0, 5), ...(cycle.length > 5 ? ['…'] : []), cycle[0]].join(' → ')}; span ${spanIdOf(at)} shown as a root`,
        );
        parentIndex[at] = -1;
        orphan[at] = 1;
        break;
      }
      at = p;
    }
    for (const k of walk) state[k] = 2;
    walk.length = 0;
  }
}

/** The warnings of building a trace that do not come from the tree itself. */
export function duplicateSpanWarning(traceId: TraceId, spanId: string): string {
  return `trace ${traceId}: span ${spanId} appears more than once; kept the first`;
}

export function otherTracesWarning(traceId: TraceId, otherTraceSpans: number): string {
  return `trace ${traceId}: ${otherTraceSpans} spans of other traces were left out (group spans by trace first)`;
}

/** Relative times are numbers: exact only while the trace spans less than 2^53 ns. */
export function farApartWarning(traceId: TraceId, startUnixNano: bigint, endUnixNano: bigint): string | undefined {
  return endUnixNano - startUnixNano > BigInt(Number.MAX_SAFE_INTEGER)
    ? `trace ${traceId}: spans more than 104 days (2^53 ns) apart, so relative times lose nanosecond precision`
    : undefined;
}
