export type * from './red-model';
export { defaultStepMs, alignedRange, intervalCount, intervalEndMs, intervalOfMs, rangeSeconds } from './metrics-range';
export { decodeTempoQueryRange, anyValueText as tempoAnyValueText, type TempoQueryRange } from './tempo-metrics-decode';
export {
  tempoRedQueries,
  redRowsFromTempo,
  histogramQuantileMs,
  TEMPO_SERVICE_LABEL,
  TEMPO_OPERATION_LABEL,
  type RedGroupBy,
  type TempoRedQueryOptions,
  type TempoRedQueries,
  type TempoRedAnswers,
} from './tempo-red-queries';
export {
  decodeJaegerMetricFamily,
  decodeJaegerDependencies,
  redRowsFromJaeger,
  systemGraphFromDependencies,
  jaegerErrorText,
  serviceNodeId,
  peerNodeId,
  JAEGER_SERVICE_LABEL,
  JAEGER_OPERATION_LABEL,
  type JaegerDependency,
  type JaegerRedAnswers,
} from './jaeger-spm-decode';
export { redFromTraces, systemGraphFromTraces, nearestRank, type RedFromTracesOptions } from './red-from-traces';
