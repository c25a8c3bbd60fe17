// The one sanitiser for text that came from data (names, ids, tag values,
// AWS error messages) and is shown to a person: in the terminal, in the UI,
// on the map and in the PNG report. Snapshots travel, so their text is
// chosen by whoever wrote the file: it must not drive the terminal (C0/C1
// controls such as ESC start title, clipboard and screen sequences), start a
// new line of output (forged `PASS` lines), or reorder what follows it
// (bidirectional overrides and isolates). Each such character is shown as a
// visible escape instead: `\x1b`, `\n`, `\u202e`. Machine output (--json, the
// API) keeps the data exact; only what is displayed goes through here.

/**
 * C0 controls (U+0000-U+001F), DEL and the C1 controls (U+007F-U+009F), the
 * bidirectional embeddings and overrides (U+202A-U+202E) and isolates
 * (U+2066-U+2069), and the Unicode line and paragraph separators
 * (U+2028, U+2029), which some viewers break lines at.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The longest name shown in tables, map labels and reports; the full text stays in --json and the inspector. */
export const DISPLAY_NAME_MAX = 64;

/** True when `text` holds a character displayText would escape. */
export function hasUnsafeDisplayChars(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/**
 * `text` with every control character, line break and bidirectional
 * override shown as a visible escape: one line, read left to right, that
 * cannot drive a terminal. Text without such characters comes back as it is.
 */
export function displayText(text: string): string {
  return UNSAFE_TEST.test(text) ? text.replace(UNSAFE, escapeOne) : text;
}

/**
 * displayText cut to at most `max` characters (code points, an ellipsis
 * included) for names in tables, map labels and reports.
 */
export function truncateForDisplay(text: string, max: number = DISPLAY_NAME_MAX): string {
  // only the head is looked at: a 50 MB tag costs no more than a short one
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text;
  const cut = head.length < text.length;
  const safe = displayText(head);
  if (!cut && safe.length <= max) return safe;
  const points = Array.from(safe);
  if (!cut && points.length <= max) return safe;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}\u2026`;
}
