import { afterAll, beforeAll } from 'vitest';

/** jsdom lays nothing out: give elements a size so the virtualiser has a viewport to fill. */
export function withFakeLayout(width = 1000, height = 600): void {
  const sizes = { clientWidth: width, clientHeight: height };
  beforeAll(() => {
    for (const [key, value] of Object.entries(sizes)) Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
  });
  afterAll(() => {
    for (const key of Object.keys(sizes)) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key];
  });
}
