// The map's time filter as the API takes it: ISO 8601 times, turned into the
// Unix seconds the records carry. A time that does not parse, or an end
// before the start, is the caller's to fix, named.
import { InputError } from '../errors.js';
import type { TimeWindow } from './conversations.js';

function secondsOf(text: string, what: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new InputError(`flowLogs: window.${what}: ${JSON.stringify(text.slice(0, 40))} is not an ISO 8601 time`);
  return Math.floor(ms / 1000);
}

export function timeWindowOf(window: { start: string; end: string }): TimeWindow {
  const start = secondsOf(window.start, 'start');
  const end = secondsOf(window.end, 'end');
  if (end < start) throw new InputError(`flowLogs: window.end (${window.end}) is before window.start (${window.start})`);
  return { start, end };
}

/** Unix seconds as ISO 8601 UTC, to the second */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
