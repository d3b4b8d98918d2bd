import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

// An uncommon port, so another app on 4173/5173 cannot answer in our place.
const port = Number(process.env.E2E_PORT ?? 4791);
// `npm run serve` (e2e/local-server.spec.ts), with an empty store and no OTLP-only port
// (4318 may be a real collector's); its build has its own outDir so it cannot race
// the first server's `vite build`, which empties dist/.
const localPort = Number(process.env.E2E_LOCAL_PORT ?? 4792);
const localDist = `node_modules/.cache/tracery-e2e-local-${localPort}`;
// the built app for vite preview: its own folder per port, so two runs on other ports cannot empty each other's build
const previewDist = port === 4791 ? 'dist' : `node_modules/.cache/tracery-e2e-preview-${port}`;
// `npm start` itself (e2e/dev-server.spec.ts): a dev-only bug must fail CI too
const devPort = Number(process.env.E2E_DEV_PORT ?? 4793);

export default defineConfig({
  testDir: 'e2e',
  // writes e2e/fixtures/hostile/ (scripts/hostile-corpus.ts) for hostile-input.spec.ts
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  // Two cores on CI: two workers keep the build server and browsers from starving each other.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: `npx vite build --outDir ${previewDist} --emptyOutDir && npx vite preview --outDir ${previewDist} --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx vite build --outDir ${localDist} --emptyOutDir && npx tsx scripts/serve.ts --dist ${localDist} --port ${localPort} --otlp-port off`,
      url: `http://127.0.0.1:${localPort}/local/api/stats`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx vite --port ${devPort} --strictPort`,
      url: `http://127.0.0.1:${devPort}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
