// Text for the terminal. Names, ids, tag values and AWS error messages come
// from a snapshot someone else may have written: each is put into the text
// through `shown` (control characters, line breaks and bidi overrides become
// visible escapes, shared/model/display-text.ts) or `shownName` (also cut to
// 64 characters). Our own colours are added after. Every write then goes
// through terminalText, a last guard that lets through only line breaks
// and, on a terminal, our own colour codes. --json output is not text: it
// keeps the data exact, JSON escaping covers it.
import { DISPLAY_NAME_MAX, displayText, truncateForDisplay } from '../shared/api/display-text.js';

/** A value from data, safe to put into one line of text. */
export function shown(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : displayText(String(value));
}

/** A name (or id) for a table or a heading: safe, and cut to 64 characters; --json keeps it whole. */
export function shownName(value: string | null | undefined): string {
  return value === null || value === undefined ? '' : truncateForDisplay(value, DISPLAY_NAME_MAX);
}

// Our colours are SGR sequences (ESC [ digits m); anything else from C0/C1, or a bidi override, is escaped.
// eslint-disable-next-line no-control-regex
const GUARDED = /\u001b\[[0-9;]*m|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` as it may reach a terminal: line breaks kept (ours: values that
 * could hold one went through `shown`), SGR colour codes kept when
 * `colours` is set (a TTY), every other control character escaped.
 */
export function terminalText(text: string, colours: boolean): string {
  return text.replace(GUARDED, (match) => (colours && match.length > 1 ? match : displayText(match)));
}

/** Writes text output (never --json) on stdout. */
export function writeText(text: string, colours = false): void {
  process.stdout.write(terminalText(text, colours));
}

/** Writes a line of text on stderr (warnings, errors, progress): no colours. */
export function writeErrorText(text: string): void {
  process.stderr.write(terminalText(text, false));
}
