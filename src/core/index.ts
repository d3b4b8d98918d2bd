/**
 * The public face of src/core: everything outside core imports from here.
 * (Implementations live in model/, formats/, trace/, query/.)
 */
export type * from './model';
export type * from './formats/otlp-json-types';

export * from './query/duration';
export * from './query/logfmt';
export * from './query/search-query';
export * from './formats/tempo-search';
