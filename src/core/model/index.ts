export type * from './attributes';
export type * from './span';
export type * from './ids';
export type * from './trace';
export type * from './log-record';
export type * from './trace-summary';
export type * from './decoded-span';
export type * from './load-progress';
