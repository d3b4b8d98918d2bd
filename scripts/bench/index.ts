import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { printTable, type Measurement } from './measure';
import { searchBench } from './search-bench';
import { demoMetricsBench } from './demo-metrics-bench';
import { coreBench } from './core-bench';
import { browserBench } from './browser-bench';
import { bundleBench } from './bundle-bench';

/** `npm run bench` (all) or `npm run bench -- core|search|metrics|bundle|browser`: prints a table and writes bench/results.json (not committed). */
async function main(): Promise<void> {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`Tracery benchmarks on ${machine}\n`);
  const only = process.argv[2];
  const results: Measurement[] = [];
  if (!only || only === 'core') results.push(...(await coreBench()));
  if (!only || only === 'search') results.push(...(await searchBench()));
  if (!only || only === 'metrics') results.push(...(await demoMetricsBench()));
  if (!only || only === 'bundle') results.push(...bundleBench());
  if (!only || only === 'browser') results.push(...(await browserBench()));
  printTable(results);
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`);
  console.log('\nwritten to bench/results.json');
}

await main();
