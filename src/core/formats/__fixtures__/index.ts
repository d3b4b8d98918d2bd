/**
 * The real trace files the tests read (see NOTICE.md for where each comes from),
 * imported as text so tests run anywhere, without a file system path.
 */
import otelProtoTrace from './otel-proto/trace.json?raw';
import otelProtoLogs from './otel-proto/logs.json?raw';
import jaegerOtelTraces01 from './jaeger/otel_traces_01.json?raw';
import jaegerApiv3GetTrace from './jaeger/apiv3-GetTrace.json?raw';
import jaegerOtlp2JaegerIn from './jaeger/otlp2jaeger-in.json?raw';
import jaegerOtlp2JaegerOut from './jaeger/otlp2jaeger-out.json?raw';
import jaegerConverterUi01 from './jaeger/converter-ui_01.json?raw';
import jaegerUiPetclinic from './jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json?raw';
import tempoBatches from './tempo/tempopb-trace-batches.json?raw';
import zipkinYelp from './zipkin/yelp.json?raw';
import zipkinOauth from './zipkin/smartthings-oauth-authorization.json?raw';
import zipkinMobile from './zipkin/smartthings-mobile-web-install.json?raw';

export const traceFixtures = {
  'otel-proto/trace.json': otelProtoTrace,
  'jaeger/otel_traces_01.json': jaegerOtelTraces01,
  'jaeger/apiv3-GetTrace.json': jaegerApiv3GetTrace,
  'jaeger/otlp2jaeger-in.json': jaegerOtlp2JaegerIn,
  'jaeger/otlp2jaeger-out.json': jaegerOtlp2JaegerOut,
  'jaeger/converter-ui_01.json': jaegerConverterUi01,
  'jaeger-ui/petclinic-spanAmongEachOtherGroupedAndSpans.json': jaegerUiPetclinic,
  'tempo/tempopb-trace-batches.json': tempoBatches,
  'zipkin/yelp.json': zipkinYelp,
  'zipkin/smartthings-oauth-authorization.json': zipkinOauth,
  'zipkin/smartthings-mobile-web-install.json': zipkinMobile,
} as const;

export const logFixtures = {
  'otel-proto/logs.json': otelProtoLogs,
} as const;
