/**
 * How OTLP names become Loki label names (loki-and-traceql.md A3), shared by the
 * decoder (reading them back) and the demo Loki (writing them).
 */

/**
 * Resource attributes Loki makes index labels by default
 * (`default_resource_attributes_as_index_labels`, with the code's extra
 * `deployment.environment`). Reading a response, these labels map back to
 * their OTLP names exactly; any other label keeps its Loki name, since `_`
 * could have been a `.` or a `_`.
 */
export const DEFAULT_INDEX_LABEL_ATTRIBUTES: readonly string[] = [
  'service.name',
  'service.namespace',
  'service.instance.id',
  'deployment.environment',
  'deployment.environment.name',
  'cloud.region',
  'cloud.availability_zone',
  'k8s.cluster.name',
  'k8s.namespace.name',
  'k8s.pod.name',
  'k8s.container.name',
  'container.name',
  'k8s.replicaset.name',
  'k8s.deployment.name',
  'k8s.statefulset.name',
  'k8s.daemonset.name',
  'k8s.cronjob.name',
  'k8s.job.name',
];

/** Loki label (`k8s_pod_name`) → OTLP resource attribute (`k8s.pod.name`), for the default index labels. */
export const OTLP_NAME_OF_INDEX_LABEL: ReadonlyMap<string, string> = new Map(DEFAULT_INDEX_LABEL_ATTRIBUTES.map((name) => [lokiLabelName(name), name]));

/** Prometheus label syntax: Loki replaces every other character with `_` (and prefixes a leading digit). */
export function lokiLabelName(name: string): string {
  const replaced = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
}

export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Field pairs that carry trace and span ids in logs, in Grafana's trace-to-logs
 * order (A4): OTLP's structured metadata first, then common logging-library spellings.
 */
export const TRACE_ID_FIELDS: readonly (readonly [traceId: string, spanId: string])[] = [
  ['trace_id', 'span_id'],
  ['traceID', 'spanID'],
  ['traceId', 'spanId'],
  ['TraceID', 'SpanID'],
  ['TraceId', 'SpanId'],
  ['otel_trace_id', 'otel_span_id'],
];

/** Labels Loki adds itself; not the producer's attributes. */
export const LOKI_GENERATED_LABELS: ReadonlySet<string> = new Set(['detected_level', '__error__', '__error_details__', '__stream_shard__']);
