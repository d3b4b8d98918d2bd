export { TraceStore, INTRINSIC_TAGS } from './trace-store';
export type { IngestResult, StoreSearchQuery, StoreSearchResult, TraceMatch, TagNames } from './trace-store';
export { ROOT_NOT_YET_RECEIVED, type AnswerBody, type TraceFacts, type ServiceStats } from './stored-trace';
export type { TagValue, TagValueType } from './tag-index';
