import { Prng } from './prng';
import type { TraceBuilder } from './trace-builder';

/**
 * The services overview's story: payment ships a new version mid-window, and from
 * then on its requests take 2.5× as long and its bank client times out far more
 * often (8 % more of the checkouts that reach it, each a 3 s timeout), so the
 * overview shows a step in payment's duration and error rate — and upstream, in
 * the checkout's — that a person can sort by, click into and follow to the traces
 * after the deploy.
 */
export const DEPLOY_STORY = {
  service: 'payment',
  /** the deploy happens this long before the generator's `now` */
  beforeNowMs: 75 * 60_000,
  /** payment's server spans take this many times as long */
  slowdown: 2.5,
  /** the failure site the deploy breaks, and how often a trace that can fail there does */
  failSite: 'payment.bank',
  failureChance: 0.08,
} as const;

/** When the deploy happens, unix ms, for a generator run ending at `nowMs`. */
export function deployTimeMs(nowMs: number): number {
  return nowMs - DEPLOY_STORY.beforeNowMs;
}

export interface DeployEffect {
  /** the failure site a trace that would not otherwise fail fails at, if any */
  extraFailure(failSites: readonly string[]): string | undefined;
  /** stretches the service's server spans, and everything after them in the trace */
  slowDown(b: TraceBuilder): void;
}

/**
 * The deploy's effect on a trace starting `offsetNs` before `nowMs`; undefined
 * before the deploy. Its coin flips come from a generator of its own, seeded by
 * the trace id, so the traces before the deploy are the same with or without the
 * story (after it, a trace that now fails draws its failure's details from the
 * shop's sequence, as any failing trace does).
 */
export function deployEffect(nowMs: number, offsetNs: number, traceId: string): DeployEffect | undefined {
  if (nowMs - offsetNs / 1e6 < deployTimeMs(nowMs)) return undefined;
  const rng = new Prng(Number.parseInt(traceId.slice(0, 8), 16));
  return {
    extraFailure: (failSites) => (failSites.includes(DEPLOY_STORY.failSite) && rng.chance(DEPLOY_STORY.failureChance) ? DEPLOY_STORY.failSite : undefined),
    slowDown: (b) => {
      const servers = b.spans.filter((span) => span.service.name === DEPLOY_STORY.service && span.kind === 2).sort((a, c) => a.endNs - c.endNs);
      for (const server of servers) pause(b, server.endNs, Math.round((server.endNs - server.startNs) * (DEPLOY_STORY.slowdown - 1)));
    },
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Inserts `extraNs` of waiting at `atNs` on the trace's clock: what starts at or
 * after it starts later, what runs across it ends later, events and logs move with
 * it. Parents still hold their children and the order of everything is kept.
 */
function pause(b: TraceBuilder, atNs: number, extraNs: number): void {
  if (extraNs <= 0) return;
  for (const span of b.spans as Mutable<TraceBuilder['spans'][number]>[]) {
    if (span.startNs >= atNs) {
      span.startNs += extraNs;
      span.endNs += extraNs;
    } else if (span.endNs >= atNs) {
      span.endNs += extraNs;
    }
    for (const event of span.events as Mutable<(typeof span.events)[number]>[]) if (event.timeNs >= atNs) event.timeNs += extraNs;
  }
  for (const log of b.logs as Mutable<TraceBuilder['logs'][number]>[]) if (log.timeNs >= atNs) log.timeNs += extraNs;
}
