// Words for a POSIX shell. Fix commands are pasted into a terminal, and the
// ids in them come from a snapshot someone else may have written: every value
// goes in quoted, so that `$(...)`, `;`, backquotes and newlines stay text.

/** Characters that never need quoting in a POSIX shell word (as Python's shlex.quote). */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * `value` as one POSIX shell word: as it is when it holds only characters no
 * shell treats specially, else in single quotes (a `'` inside written `'"'"'`).
 */
export function shellQuote(value: string): string {
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** A word that goes into a command as it is: our own flags, and `"$VAR"` references. */
export interface RawWord {
  readonly raw: string;
}
export const rawWord = (text: string): RawWord => ({ raw: text });

/** Command words joined by spaces, each value quoted; raw words go in as they are. */
export function commandLine(...words: readonly (string | RawWord)[]): string {
  return words.map((word) => (typeof word === 'string' ? shellQuote(word) : word.raw)).join(' ');
}
