import { chromium } from '@playwright/test';
import { startLocalServer } from '/work/main/mocks/server.ts';
import { bigTrace, toJsonLines } from '/work/main/scripts/bench/big-trace.ts';
const spans = Number(process.argv[2] ?? 100000);
const server = await startLocalServer({ port: 0, otlpPort: false, distDir: '/tmp/dist-prof', limits: { maxSpans: 3_000_000 }, maxBodyBytes: 512 * 1024 * 1024 });
const data = bigTrace({ spans, seed: 22 });
const traceId = data.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.traceId ?? '';
for (const line of toJsonLines(data, 50_000)) await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: line });
await (await fetch(`${server.url}/local/tempo/api/v2/traces/${traceId}`, { headers: { Accept: 'application/protobuf' } })).arrayBuffer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (let run = 0; run < 2; run++) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript(`(() => { window.__seen = {}; new MutationObserver(() => { const t = Math.round(performance.now()); const s = window.__seen; if (!s.loading && document.querySelector('.state-loading')) s.loading = [t, document.querySelector('.state-loading').textContent.slice(0,60)]; if (!s.progress && document.querySelector('[data-testid=trace-load-progress]')) s.progress = t; if (!s.header && document.querySelector('[data-testid=trace-span-count]')) s.header = t; if (!s.rows && document.querySelectorAll('[role=row]').length > 5) s.rows = t; }).observe(document, { subtree: true, childList: true, characterData: true }); })()`);
  const cdp = await page.context().newCDPSession(page);
  if (run === 1) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  const t = Date.now();
  await page.goto(`${server.url}/trace/${traceId}?source=local-server`);
  await page.getByRole('row').nth(5).waitFor({ timeout: 120000 });
  console.log('first rows', Date.now() - t);
  const entries = await page.evaluate(`performance.getEntriesByType('resource').map(e => [e.name.replace(location.origin,'').slice(0,70), Math.round(e.startTime), Math.round(e.responseEnd)]).concat(performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime), 0])).concat([['now', Math.round(performance.now()), 0]])`);
  console.log(entries, await page.evaluate('window.__seen'));
  if (run === 1) { const { profile } = await cdp.send('Profiler.stop'); (await import('node:fs')).writeFileSync('/tmp/prof/page.cpuprofile', JSON.stringify(profile)); }
  await page.close();
}
await browser.close(); await server.close();
