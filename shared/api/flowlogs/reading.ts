// The reading of many files gathered in one place: a parser per file feeding
// one grouper, bad lines counted (the first ones kept with file and line),
// warnings collected, and the result as plain JSON. Browser-safe: the files'
// bytes come from node.ts (or anywhere else).
import { ConversationGrouper, FORWARD_ACCEPT, FORWARD_REJECT, RETURN_ACCEPT, RETURN_REJECT, type ConversationCounts, type TimeWindow } from './conversations.js';
import { Interner } from './interner.js';
import { fieldIndex, FLOW_LOG_FIELDS } from './fields.js';
import { DIRECTION, FlowLogParser, IPV6_BASE, NOT_APPLICABLE, type BadLine, type FlowRecordView, type ParserSink } from './parser.js';
import type { FlowLogFileSummary, FlowLogReading, InterfaceWindows, ObservedConversation, Traffic } from './reading-types.js';

/** How many bad lines are kept with their place; all are counted. */
export const BAD_LINES_KEPT = 50;

export class FlowLogReader {
  /** `window`: only the records whose capture window overlaps it (the map's time filter) */
  readonly interner = new Interner();
  readonly grouper: ConversationGrouper;
  constructor(private readonly options: { quoteValues?: boolean; window?: TimeWindow } = {}) {
    this.grouper = new ConversationGrouper(this.interner, options.window ?? null);
  }
  private readonly files: FlowLogFileSummary[] = [];
  private readonly bad: BadLine[] = [];
  private badCount = 0;
  private readonly warnings: string[] = [];

  /** A parser for one file; push its bytes, then end() it. */
  file(path: string, options: { gzip?: boolean; format?: readonly string[] } = {}): FlowLogParser {
    const summary: FlowLogFileSummary = { path, records: 0, badLines: 0, gzip: options.gzip === true };
    this.files.push(summary);
    const grouper = this.grouper;
    const sink: ParserSink = {
      record: (view) => {
        summary.records++;
        grouper.add(view);
      },
      badLine: (line) => {
        summary.badLines++;
        this.badCount++;
        if (this.bad.length < BAD_LINES_KEPT) this.bad.push(line);
      },
      warning: (text) => this.warn(text),
    };
    return new FlowLogParser(path, this.interner, sink, options.format, this.options.quoteValues !== false);
  }

  warn(text: string): void {
    if (!this.warnings.includes(text)) this.warnings.push(text);
  }

  result(): FlowLogReading {
    const g = this.grouper;
    const texts = this.interner.texts;
    const windows = (pick: 'noData' | 'skipData'): InterfaceWindows[] =>
      [...g.statusWindows].filter(([, w]) => w[pick] > 0).map(([id, w]) => ({ interfaceId: texts[id]!, windows: w[pick] })).sort((a, b) => a.interfaceId.localeCompare(b.interfaceId));
    const skipData = windows('skipData');
    const warnings = [...this.warnings];
    for (const s of skipData) warnings.push(`${s.interfaceId}: ${s.windows} capture window${s.windows === 1 ? '' : 's'} marked SKIPDATA: AWS skipped records there, so some of its traffic is missing`);
    if (this.badCount > 0) warnings.push(`${this.badCount} bad line${this.badCount === 1 ? '' : 's'} skipped (the first: ${this.bad[0]!.file} line ${this.bad[0]!.line}: ${this.bad[0]!.reason})`);
    return {
      files: this.files.map((f) => ({ ...f })),
      records: g.records,
      recordsWithoutFlow: g.recordsWithoutFlow,
      window: g.windowStart <= g.windowEnd ? { start: g.windowStart, end: g.windowEnd } : null,
      timeFilter: this.options.window ? { ...this.options.window, recordsOutside: g.recordsOutsideWindow } : null,
      noData: windows('noData'),
      skipData,
      badLines: { count: this.badCount, first: [...this.bad] },
      warnings,
      conversations: g.finish().map((c) => observed(c, texts)),
    };
  }
}

export function addressText(address: number, texts: readonly string[]): string {
  if (address >= IPV6_BASE) return texts[address - IPV6_BASE]!;
  return `${(address >>> 24) & 255}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

function traffic(counts: Float64Array, kind: number): Traffic {
  return { records: counts[kind * 3]!, packets: counts[kind * 3 + 1]!, bytes: counts[kind * 3 + 2]! };
}

function observed(c: ConversationCounts, texts: readonly string[]): ObservedConversation {
  return {
    interfaceId: texts[c.interfaceId]!,
    accountId: c.accountId >= 0 ? texts[c.accountId]! : null,
    direction: c.direction === DIRECTION.ingress ? 'ingress' : c.direction === DIRECTION.egress ? 'egress' : null,
    client: addressText(c.client, texts),
    server: addressText(c.server, texts),
    protocol: c.protocol,
    port: c.port >= 0 ? c.port : null,
    clientPort: c.clientPort >= 0 ? c.clientPort : null,
    forward: { accepted: traffic(c.counts, FORWARD_ACCEPT), rejected: traffic(c.counts, FORWARD_REJECT) },
    return: { accepted: traffic(c.counts, RETURN_ACCEPT), rejected: traffic(c.counts, RETURN_REJECT) },
    firstStart: c.firstStart >= 0 ? c.firstStart : null,
    lastEnd: c.lastEnd >= 0 ? c.lastEnd : null,
    trafficPath: c.trafficPath >= 0 ? c.trafficPath : null,
    records: {
      forwardAccepted: c.samples[FORWARD_ACCEPT]!,
      forwardRejected: c.samples[FORWARD_REJECT]!,
      returnAccepted: c.samples[RETURN_ACCEPT]!,
      returnRejected: c.samples[RETURN_REJECT]!,
    },
  };
}

const ACTIONS = ['', 'ACCEPT', 'REJECT'];
const STATUSES = ['', 'OK', 'NODATA', 'SKIPDATA'];
const DIRECTIONS = ['', 'ingress', 'egress'];

/** One parsed record as field name -> value (null for `-`), for the fields its format has: what a person reads. */
export function recordFields(view: FlowRecordView, format: readonly string[], texts: readonly string[]): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const name of format) {
    const index = fieldIndex(name);
    if (index < 0) continue;
    const value = view.values[index]!;
    if (value === NOT_APPLICABLE) {
      out[name] = null;
      continue;
    }
    switch (FLOW_LOG_FIELDS[index]!.kind) {
      case 'address':
        out[name] = addressText(value, texts);
        break;
      case 'text':
        out[name] = texts[value]!;
        break;
      case 'action':
        out[name] = ACTIONS[value]!;
        break;
      case 'status':
        out[name] = STATUSES[value]!;
        break;
      case 'direction':
        out[name] = DIRECTIONS[value]!;
        break;
      default:
        out[name] = value;
    }
  }
  return out;
}
