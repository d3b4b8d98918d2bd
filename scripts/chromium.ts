/**
 * How the e2e tests and the benchmark launch a browser. Playwright cannot download
 * its own browsers here: they drive the system Chromium (Debian's /usr/bin/chromium),
 * overridable for other machines.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Chromium 156's headless mode is the whole browser: every new window (Playwright
  // opens one per page) preloads the address bar's two WebUI popups in a renderer of
  // their own, about 1.1 s of CPU that lands on the page's load. On two cores that
  // took a core from the page under test and held a 100,000-span trace's first rows
  // back by ~0.8 s (2.2 s → 1.4 s without them) — a cost no reader opening a link in a
  // browser they already have pays. (Names a Chromium does not know are ignored.)
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];
