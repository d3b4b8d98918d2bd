export { generateDemoData, demoBatches, DEFAULT_TRACE_COUNT, DEFAULT_WINDOW_MS, FAILURE_RATE, SLOW_RATE } from './generate';
export type { DemoBatch, DemoData, DemoDataOptions } from './generate';
export { SERVICES, CLOCK_SKEW_NS, INFRA } from './services';
