// 13.2 / 13.8: the one sanitiser for displayed text. Expected values are
// written by hand from the inputs.
import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, displayText, hasUnsafeDisplayChars, truncateForDisplay } from '../../../shared/api/display-text.js';

describe('13.2 terminal control sequences pass through: displayText', () => {
  it('shows C0, DEL and C1 controls as visible escapes', () => {
    expect(displayText('a\u001b]0;pwned\u0007b')).toBe('a\\x1b]0;pwned\\x07b');
    expect(displayText('\u0000\u007f\u0085\u009b')).toBe('\\x00\\x7f\\x85\\x9b');
    expect(displayText('OSC52 \u001b]52;c;aGk=\u001b\\')).toBe('OSC52 \\x1b]52;c;aGk=\\x1b\\');
  });
  it('never lets a newline inside a value start a new line', () => {
    expect(displayText('web\nPASS  forged\r\tx')).toBe('web\\nPASS  forged\\r\\tx');
    expect(displayText('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
  });
  it('shows bidirectional overrides and isolates as escapes', () => {
    expect(displayText('sg-\u202eabc\u202c')).toBe('sg-\\u202eabc\\u202c');
    expect(displayText('\u202a\u202b\u202d\u2066\u2067\u2068\u2069')).toBe('\\u202a\\u202b\\u202d\\u2066\\u2067\\u2068\\u2069');
  });
  it('keeps ordinary text, markup and non-Latin scripts as they are', () => {
    for (const text of ['i-web', '<img src=x onerror=alert(1)>', 'Zürich-北京-שלום', "'; rm -rf / #"]) expect(displayText(text)).toBe(text);
    expect(hasUnsafeDisplayChars('i-web')).toBe(false);
    expect(hasUnsafeDisplayChars('i-\u001b')).toBe(true);
  });
});

describe('13.8 honest provenance and size: truncateForDisplay', () => {
  it('cuts names to 64 characters, the ellipsis included', () => {
    expect(DISPLAY_NAME_MAX).toBe(64);
    const long = 'x'.repeat(20_000);
    const cut = truncateForDisplay(long);
    expect(cut).toBe(`${'x'.repeat(63)}\u2026`);
    expect(truncateForDisplay('y'.repeat(64))).toBe('y'.repeat(64));
    expect(truncateForDisplay('abcdef', 4)).toBe('abc\u2026');
  });
  it('sanitises before it cuts and never splits a surrogate pair', () => {
    expect(truncateForDisplay('a\nb', 64)).toBe('a\\nb');
    expect(truncateForDisplay('😀😀😀😀', 3)).toBe('😀😀\u2026');
  });
});

// Speed is the benchmark's business; this checks the answer for a 50 MB name
// (sanitised head, cut on a code point), not how long it took.
describe('13.8 a 50 MB name is cut to a readable head', () => {
  it('sanitises the head and cuts it', () => {
    const huge = `${'\u001b'.repeat(10)}${'n'.repeat(50_000_000)}`;
    expect(truncateForDisplay(huge)).toBe(`${'\\x1b'.repeat(10)}${'n'.repeat(23)}\u2026`);
    expect(truncateForDisplay(`${'😀'.repeat(64)}`)).toBe('😀'.repeat(64));
    expect(truncateForDisplay(`${'😀'.repeat(65)}`)).toBe(`${'😀'.repeat(63)}\u2026`);
  });
});
