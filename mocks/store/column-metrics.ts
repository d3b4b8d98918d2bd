import type { Field, FieldExpr, Literal, MetricsQuery } from '../../src/core';
import { NIL_LABEL, labelsKey, type MetricLabel, type MetricsAccumulator, type MetricsGroup, type MetricsWindow } from '../../src/core/query/traceql-metrics';
import { KIND_CODES, STATUS_CODES, type SpanColumns } from './span-columns';

type Predicate = (i: number) => boolean;

/**
 * The services overview's TraceQL metrics straight from the span columns: one
 * `{ … }` filter over kind, status, name, resource.service.name, duration and
 * root-ness (`nestedSetParent < 0`), by() over service and name, and any function
 * of the span count or its duration. Spans are fed to the same accumulator the
 * general path fills, so the answers are the same; only the selection is faster
 * (a window of typed arrays instead of every trace's span objects). Returns false,
 * having fed nothing, for any other query.
 */
export function columnMetrics(columns: SpanColumns, query: MetricsQuery, window: MetricsWindow, accumulator: MetricsAccumulator): boolean {
  if (query.filter.type !== 'filter') return false;
  const predicate = query.filter.expr === undefined ? () => true : compile(query.filter.expr, columns);
  if (predicate === undefined) return false;
  const fn = query.fn;
  if ('field' in fn && !(fn.field.type === 'intrinsic' && fn.field.name === 'span:duration')) return false;
  const by = query.by.map(({ field, key }) => ({ key, column: byColumn(field, columns) }));
  if (by.some((b) => b.column === undefined)) return false;

  const stepNs = Number(window.stepNs);
  const startUs = Number(window.startNs / 1000n);
  const startSub = Number(window.startNs % 1000n);
  const endNs = window.startNs + window.stepNs * BigInt(window.intervals);
  const first = columns.after(startUs, startSub);
  const end = columns.after(Number(endNs / 1000n), Number(endNs % 1000n));
  // group keys are mixed-radix numbers over the by() columns' ids (nil as 0): a small array holds them
  const byColumns = by.map((b) => b.column as ByColumn);
  const byIds = byColumns.map((c) => c.ids);
  const radix = byColumns.map((c) => c.values.length + 1);
  const keySpace = radix.reduce((product, r) => product * r, 1);
  const groups: (MetricsGroup | undefined)[] = keySpace <= 1 << 20 ? new Array<MetricsGroup | undefined>(keySpace) : [];
  const groupMap = new Map<number, MetricsGroup>();
  const valued = 'field' in fn;
  const seenTraces = new Uint8Array(columns.traceCount);
  let traces = 0;
  for (let i = first; i < end; i++) {
    const trace = columns.traceIndex[i] as number;
    if (seenTraces[trace] === 0) {
      seenTraces[trace] = 1;
      traces++;
    }
    if (!predicate(i)) continue;
    const offsetNs = ((columns.startUs[i] as number) - startUs) * 1000 + ((columns.startSubUs[i] as number) - startSub);
    const interval = Math.ceil(offsetNs / stepNs) - 1;
    let key = 0;
    for (let b = 0; b < byIds.length; b++) key = key * (radix[b] as number) + ((byIds[b] as Int32Array)[i] as number) + 1;
    let group = keySpace <= 1 << 20 ? groups[key] : groupMap.get(key);
    if (!group) {
      const labels = labelsFor(by as { key: string; column: ByColumn }[], i);
      group = accumulator.group(labelsKey(labels), labels);
      if (keySpace <= 1 << 20) groups[key] = group;
      else groupMap.set(key, group);
    }
    accumulator.add(group, interval, valued ? (columns.durationNs[i] as number) / 1e9 : Number.NaN, columns.spans[i] as (typeof columns.spans)[number]);
  }
  accumulator.countInspected(traces, end - first);
  return true;
}

interface ByColumn {
  /** -1 for nil */
  readonly ids: Int32Array;
  readonly values: readonly string[];
}

function byColumn(field: Field, columns: SpanColumns): ByColumn | undefined {
  if (field.type === 'intrinsic' && field.name === 'span:name') return { ids: columns.nameId, values: columns.names };
  if (field.type === 'attribute' && field.scope === 'resource' && field.name === 'service.name') return { ids: columns.resourceServiceId, values: columns.services };
  return undefined;
}

/** As the accumulator's byLabels: nil is "nil" alone, left out among several, the first kept when all are nil. */
function labelsFor(by: readonly { key: string; column: ByColumn }[], i: number): MetricLabel[] {
  const labels: MetricLabel[] = [];
  for (const { key, column } of by) {
    const id = column.ids[i] as number;
    if (id >= 0) labels.push({ key, value: { type: 'string', value: column.values[id] as string } });
    else if (by.length === 1) labels.push({ key, value: NIL_LABEL });
  }
  if (labels.length === 0 && by[0]) labels.push({ key: by[0].key, value: NIL_LABEL });
  return labels;
}

/** A span condition over the columns, or undefined when it reads anything they do not hold. */
function compile(expr: FieldExpr, columns: SpanColumns): Predicate | undefined {
  switch (expr.type) {
    case 'and':
    case 'or': {
      const left = compile(expr.left, columns);
      const right = compile(expr.right, columns);
      if (!left || !right) return undefined;
      return expr.type === 'and' ? (i) => left(i) && right(i) : (i) => left(i) || right(i);
    }
    case 'not': {
      const operand = compile(expr.operand, columns);
      return operand && ((i) => !operand(i));
    }
    case 'bool':
      return () => expr.value;
    case 'compare':
      return comparison(expr.field, expr.op, expr.value, expr.regex, columns);
    default:
      return undefined;
  }
}

function comparison(field: Field, op: string, literal: Literal, regex: { test(text: string): boolean } | undefined, columns: SpanColumns): Predicate | undefined {
  if (field.type === 'intrinsic') {
    switch (field.name) {
      case 'span:kind': {
        if (literal.type !== 'kind' || (op !== '=' && op !== '!=')) return undefined;
        const code = KIND_CODES.indexOf(literal.value);
        return op === '=' ? (i) => columns.kind[i] === code : (i) => columns.kind[i] !== code;
      }
      case 'span:status': {
        if (literal.type !== 'status' || (op !== '=' && op !== '!=')) return undefined;
        const code = STATUS_CODES.indexOf(literal.value);
        return op === '=' ? (i) => columns.status[i] === code : (i) => columns.status[i] !== code;
      }
      case 'span:name':
        return byTable(columns.nameId, columns.names, op, literal, regex);
      case 'span:duration': {
        const value = literal.type === 'duration' ? literal.ns : literal.type === 'int' ? Number(literal.value) : literal.type === 'float' ? literal.value : undefined;
        if (value === undefined) return undefined;
        const durations = columns.durationNs;
        switch (op) {
          case '=':
            return (i) => durations[i] === value;
          case '!=':
            return (i) => durations[i] !== value;
          case '>':
            return (i) => (durations[i] as number) > value;
          case '>=':
            return (i) => (durations[i] as number) >= value;
          case '<':
            return (i) => (durations[i] as number) < value;
          case '<=':
            return (i) => (durations[i] as number) <= value;
          default:
            return undefined;
        }
      }
      case 'span:nestedSetParent': {
        // a root's is -1, any other span's is its parent's left (≥ 1) or nil: below 1 only roots can hold
        if (literal.type !== 'int') return undefined;
        const bound = Number(literal.value);
        const holdsForRoot = op === '<' ? -1 < bound : op === '<=' ? -1 <= bound : op === '=' ? bound === -1 : undefined;
        if (holdsForRoot === undefined || bound > (op === '<' ? 1 : 0)) return undefined;
        return holdsForRoot ? (i) => columns.root[i] === 1 : () => false;
      }
      default:
        return undefined;
    }
  }
  if (field.scope === 'resource' && field.name === 'service.name') return byTable(columns.resourceServiceId, columns.services, op, literal, regex);
  return undefined;
}

/** `=`, `!=`, `=~`, `!~` on an interned string column: the answer for each distinct value, worked out once. */
function byTable(ids: Int32Array, values: readonly string[], op: string, literal: Literal, regex: { test(text: string): boolean } | undefined): Predicate | undefined {
  if (literal.type !== 'string') return literal.type === 'int' || literal.type === 'float' || literal.type === 'bool' ? () => false : undefined;
  let truth: boolean[];
  if (op === '=' || op === '!=') truth = values.map((value) => (value === literal.value) === (op === '='));
  else if ((op === '=~' || op === '!~') && regex) truth = values.map((value) => regex.test(value) === (op === '=~'));
  else return undefined;
  // a nil (id -1) makes every comparison false
  return (i) => {
    const id = ids[i] as number;
    return id >= 0 && truth[id] === true;
  };
}
