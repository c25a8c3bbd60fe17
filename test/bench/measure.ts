// Shared helpers of the benchmarks: timing, percentiles, peak memory, running
// a measurement in a fresh Node process, and printing figures.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Milliseconds one call takes: wall time, and the process's CPU time (user +
 * system), which a machine busy with other work inflates less.
 */
export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Runs `fn` `iterations` times (after `warmup` unmeasured runs) and returns each run's milliseconds. */
export async function sample(fn: () => unknown, iterations: number, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) times.push((await timeIt(fn)).ms);
  return times;
}

/** Nearest-rank percentile (p in 0-100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  const mean = n === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / n;
  return {
    n,
    min: n === 0 ? Number.NaN : Math.min(...samples),
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: n === 0 ? Number.NaN : Math.max(...samples),
    mean,
  };
}

/** Collects garbage when Node runs with --expose-gc (npm run bench does), so that memory figures start clean. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export interface MemoryPeak {
  /** highest resident set size seen, bytes */
  rss: number;
  /** highest V8 heap in use seen, bytes */
  heapUsed: number;
  /** heap in use when the watch started, bytes */
  baselineHeapUsed: number;
  /** the process's lifetime peak RSS as the OS counts it, bytes */
  maxRss: number;
}

/**
 * Tracks peak memory. A timer samples while the event loop is free; code that
 * runs synchronously for long blocks the timer, so call check() between its
 * steps too. maxRss (from the OS) catches what both miss, but covers the whole
 * process: run a measurement in its own process (inChildProcess) for a clean figure.
 */
export class MemoryWatch {
  private peakRss = 0;
  private peakHeap = 0;
  private readonly baseline: number;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 5) {
    collectGarbage();
    this.baseline = process.memoryUsage().heapUsed;
    this.check();
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  check(): void {
    const m = process.memoryUsage();
    if (m.rss > this.peakRss) this.peakRss = m.rss;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
  }

  stop(): MemoryPeak {
    this.check();
    clearInterval(this.timer);
    return { rss: this.peakRss, heapUsed: this.peakHeap, baselineHeapUsed: this.baseline, maxRss: process.resourceUsage().maxRSS * 1024 };
  }
}

/**
 * Runs a benchmark script in a fresh Node process with the same flags as this
 * one (--expose-gc, tsx) and returns the JSON it prints as its last stdout
 * line, so that one case's heap does not weigh on the next one's figures.
 */
export function inChildProcess<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** Prints rows as an aligned text table (first row: the header). */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  rows.forEach((row, r) => {
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
    if (r === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}
