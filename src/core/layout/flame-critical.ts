/**
 * The critical path drawn over the flame layouts.
 *
 * Time mode: per frame, the intervals in which that frame's own span held the critical
 * path (criticalPath's segments, grouped by frame). As in Jaeger UI, a parent is marked
 * only where it owns the path itself, not while a child it waits on does, so the
 * marks along one root never overlap and add up to the root's duration.
 *
 * Aggregated mode: per node, the critical time its merged spans own, for shading or a
 * "critical" column next to total and self time.
 */
import type { CriticalPathSegment } from '../trace/critical-path';
import type { FlameChartLayout } from './flame-chart-layout';
import type { FlameGraphLayout } from './flame-graph-layout';

/** Intervals of frame f: startNs/endNs[frameOffsets[f] … frameOffsets[f + 1] - 1], sorted by start. */
export interface FlameCriticalIntervals {
  readonly frameOffsets: Int32Array;
  readonly startNs: Float64Array;
  readonly endNs: Float64Array;
}

/** Segments of spans without a frame are left out. O(frames + segments). */
export function criticalIntervalsByFrame(layout: FlameChartLayout, segments: readonly CriticalPathSegment[]): FlameCriticalIntervals {
  const frameOffsets = new Int32Array(layout.frameCount + 1);
  const frameOf = (segment: CriticalPathSegment): number => layout.frameOfSpan[segment.spanIndex] ?? -1;
  for (const segment of segments) {
    const frame = frameOf(segment);
    if (frame >= 0) frameOffsets[frame + 1] = (frameOffsets[frame + 1] as number) + 1;
  }
  for (let f = 0; f < layout.frameCount; f++) frameOffsets[f + 1] = (frameOffsets[f + 1] as number) + (frameOffsets[f] as number);
  const total = frameOffsets[layout.frameCount] as number;
  const startNs = new Float64Array(total);
  const endNs = new Float64Array(total);
  const next = frameOffsets.slice(0, layout.frameCount);
  // a stable pass over segments already sorted by start keeps each frame's intervals sorted
  for (const segment of segments) {
    const frame = frameOf(segment);
    if (frame < 0) continue;
    const at = next[frame] as number;
    startNs[at] = segment.startNs;
    endNs[at] = segment.endNs;
    next[frame] = at + 1;
  }
  return { frameOffsets, startNs, endNs };
}

/** Per node, the sum of critical-path time owned by the spans merged into it. */
export function criticalNsByNode(layout: FlameGraphLayout, segments: readonly CriticalPathSegment[]): Float64Array {
  const criticalNs = new Float64Array(layout.nodeCount);
  for (const segment of segments) {
    const node = layout.nodeOfSpan[segment.spanIndex];
    if (node !== undefined) criticalNs[node] = (criticalNs[node] as number) + (segment.endNs - segment.startNs);
  }
  return criticalNs;
}
