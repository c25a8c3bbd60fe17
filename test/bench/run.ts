// The benchmark runner behind `npm run bench`: imports every
// test/bench/*.bench.ts (sorted by name), calls its run(), and prints a
// heading for each. `npm run bench -- import engine` runs only the benchmarks
// whose file name contains one of the words.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ') || '*'} in test/bench/`);
  process.exit(2);
}
if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc, as `npm run bench` does, for clean memory figures)');

let failed = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n=== ${name} ${'='.repeat(Math.max(0, 70 - name.length))}`);
  try {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as Partial<BenchModule>;
    if (typeof mod.run !== 'function') throw new Error(`${file} exports no run()`);
    await mod.run();
  } catch (error) {
    failed++;
    console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
