import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { printTable, type Measurement } from './measure';
import { searchBench } from './search-bench';

/** `npm run bench`: prints a table and writes bench/results.json (not committed). */
async function main(): Promise<void> {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`Tracery benchmarks on ${machine}\n`);
  const results: Measurement[] = [...(await searchBench())];
  printTable(results);
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`);
  console.log('\nwritten to bench/results.json');
}

await main();
