import { encodeJaegerJson, encodeOtlpJson, type Trace } from '../../core';
import { saveTextFile } from '../../ui/save-file';

/**
 * Export of the trace on screen: OTLP/JSON (exact: it opens again as the same trace,
 * to the nanosecond) and Jaeger JSON for tools that read Jaeger's model (µs times).
 */
export function DownloadButtons({ trace }: { trace: Trace }) {
  return (
    <>
      <button type="button" title="Save this trace as an OTLP/JSON file" onClick={() => saveTextFile(`trace-${trace.traceId}.otlp.json`, encodeOtlpJson([trace]))}>
        Download
      </button>
      <button type="button" title="Save this trace in Jaeger UI's JSON format" onClick={() => saveTextFile(`trace-${trace.traceId}.jaeger.json`, encodeJaegerJson([trace]))}>
        Download as Jaeger JSON
      </button>
    </>
  );
}
