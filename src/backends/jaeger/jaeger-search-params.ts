import { toGoDuration } from '../../core';
import type { SearchQuery } from '../../core';

/**
 * SearchQuery → the query string of `/api/v3/trace-summaries` and `/api/v3/traces`
 * (reference §2.1). Every parameter goes in both spellings: v2.19+ reads the
 * camelCase name first, older servers read only snake_case and ignore names they
 * do not know, so one URL works from v1.5x to main. The depth also goes as
 * `query.num_traces`, the only name before v2.19.
 */
export function jaegerSearchParams(query: SearchQuery): URLSearchParams {
  const params = new URLSearchParams();
  const both = (camel: string, snake: string, value: string) => {
    params.set(`query.${camel}`, value);
    params.set(`query.${snake}`, value);
  };
  if (query.service) both('serviceName', 'service_name', query.service);
  if (query.operation) both('operationName', 'operation_name', query.operation);
  // a JSON object of strings; the gateway has no snake_case alias for it
  if (query.tags.length > 0) params.set('query.attributes', JSON.stringify(Object.fromEntries(query.tags)));
  // RFC 3339 in UTC with milliseconds, which Go's RFC3339Nano parser reads
  both('startTimeMin', 'start_time_min', new Date(query.startMs).toISOString());
  both('startTimeMax', 'start_time_max', new Date(query.endMs).toISOString());
  if (query.minDurationNs !== undefined) both('durationMin', 'duration_min', toGoDuration(query.minDurationNs));
  if (query.maxDurationNs !== undefined) both('durationMax', 'duration_max', toGoDuration(query.maxDurationNs));
  both('searchDepth', 'search_depth', String(query.limit));
  params.set('query.num_traces', String(query.limit));
  return params;
}
