import { describe, expect, it } from 'vitest';
import { formatSpans, mergeSpans, subtractSpans } from '../../../shared/api/intents/port-spans.js';

describe('port spans', () => {
  it('merge overlapping and adjacent spans', () => {
    expect(mergeSpans([{ from: 80, to: 80 }, { from: 20, to: 22 }, { from: 81, to: 90 }, { from: 85, to: 100 }])).toEqual([
      { from: 20, to: 22 },
      { from: 80, to: 100 },
    ]);
  });

  it('subtract allowed ports from exposed ones', () => {
    expect(subtractSpans([{ from: 1, to: 65535 }], [{ from: 443, to: 443 }, { from: 80, to: 80 }])).toEqual([
      { from: 1, to: 79 },
      { from: 81, to: 442 },
      { from: 444, to: 65535 },
    ]);
    expect(subtractSpans([{ from: 22, to: 22 }, { from: 443, to: 443 }], [{ from: 443, to: 443 }])).toEqual([{ from: 22, to: 22 }]);
    expect(subtractSpans([{ from: 8000, to: 8100 }], [{ from: 7000, to: 9000 }])).toEqual([]);
    expect(subtractSpans([{ from: 10, to: 20 }], [])).toEqual([{ from: 10, to: 20 }]);
    expect(subtractSpans([{ from: 10, to: 20 }], [{ from: 10, to: 12 }, { from: 20, to: 25 }])).toEqual([{ from: 13, to: 19 }]);
  });

  it('print single ports and ranges', () => {
    expect(formatSpans([{ from: 22, to: 22 }, { from: 8000, to: 8100 }])).toBe('22, 8000-8100');
  });
});
