// A streaming reader of VPC flow log records. It takes the bytes of a file
// chunk by chunk (any chunk size; a line may span chunks) and parses each
// line's fields straight from the bytes into one reused record view: numbers
// are read digit by digit, IPv4 addresses into 32-bit integers, and texts
// (ids, accounts, IPv6 addresses) are interned, so that a record costs no
// string of its own. Bad lines are reported with their line number and
// skipped; nothing here throws on data. Browser-safe: Uint8Array only.
import { DEFAULT_FORMAT, fieldIndex, FLOW_LOG_FIELDS, formatFields, type FieldKind } from './fields.js';
import type { Interner } from './interner.js';

/** A field the format has, written `-`: "not applicable or could not be computed" (AWS). */
export const NOT_APPLICABLE = -1;
/** A field the file's format does not have. */
export const NOT_IN_FORMAT = -2;
/** IPv6 addresses are numbered after every IPv4 one: IPV6_BASE + the interned text's index. */
export const IPV6_BASE = 2 ** 32;

export const ACTION = { ACCEPT: 1, REJECT: 2 } as const;
export const STATUS = { OK: 1, NODATA: 2, SKIPDATA: 3 } as const;
export const DIRECTION = { ingress: 1, egress: 2 } as const;

export const FIELD_COUNT = FLOW_LOG_FIELDS.length;
/** positions of the fields grouping reads, in FLOW_LOG_FIELDS and so in FlowRecordView.values */
export const F = {
  version: fieldIndex('version'),
  accountId: fieldIndex('account-id'),
  interfaceId: fieldIndex('interface-id'),
  srcaddr: fieldIndex('srcaddr'),
  dstaddr: fieldIndex('dstaddr'),
  srcport: fieldIndex('srcport'),
  dstport: fieldIndex('dstport'),
  protocol: fieldIndex('protocol'),
  packets: fieldIndex('packets'),
  bytes: fieldIndex('bytes'),
  start: fieldIndex('start'),
  end: fieldIndex('end'),
  action: fieldIndex('action'),
  logStatus: fieldIndex('log-status'),
  pktSrcaddr: fieldIndex('pkt-srcaddr'),
  pktDstaddr: fieldIndex('pkt-dstaddr'),
  flowDirection: fieldIndex('flow-direction'),
  trafficPath: fieldIndex('traffic-path'),
} as const;

/** One parsed line; the parser reuses the same view for every line, so a sink copies what it keeps. */
export interface FlowRecordView {
  /** the file (or stream) name and the 1-based line number */
  file: string;
  line: number;
  /** by FLOW_LOG_FIELDS position: a number, an interned text's index, an address, or NOT_APPLICABLE / NOT_IN_FORMAT */
  readonly values: Float64Array;
}

export interface BadLine {
  file: string;
  line: number;
  reason: string;
}

export interface ParserSink {
  record(view: FlowRecordView): void;
  badLine(bad: BadLine): void;
  warning(text: string): void;
}

const KIND_CODES: Record<FieldKind, number> = { integer: 0, count: 1, time: 2, address: 3, action: 4, status: 5, direction: 6, text: 7 };
const SKIP = 8;
const INTEGER_LIMITS: Record<string, number> = { srcport: 65535, dstport: 65535, protocol: 255 };

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const DASH = 0x2d;
const ZERO = 0x30;
const DOT = 0x2e;
const COLON = 0x3a;

export class FlowLogParser {
  private readonly view: FlowRecordView;
  private columns = new Int16Array(0);
  private kinds = new Uint8Array(0);
  private limits = new Float64Array(0);
  private columnNames: string[] = [];
  private carry: Uint8Array | undefined;
  private lineNumber = 0;
  private sawLine = false;
  private readonly defaultFormat: readonly string[];

  constructor(
    private readonly file: string,
    private readonly interner: Interner,
    private readonly sink: ParserSink,
    /** the fields of a file without a header line (CloudWatch records: the flow log's LogFormat); default: AWS's default format */
    format: readonly string[] = DEFAULT_FORMAT,
    /** false: reasons name the field, not its value */
    private readonly quoteValues = true,
  ) {
    this.view = { file, line: 0, values: new Float64Array(FIELD_COUNT).fill(NOT_IN_FORMAT) };
    this.defaultFormat = format;
    this.useFormat(format, 'the format given');
  }

  /** The fields of the format in use, in column order. */
  get format(): readonly string[] {
    return this.columnNames;
  }

  push(data: Uint8Array): void {
    // one kind of array throughout (a Buffer is a subclass): the hot loops stay monomorphic
    const chunk = data.constructor === Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let start = 0;
    if (this.carry) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      const line = concat(this.carry, chunk.subarray(0, newline));
      this.carry = undefined;
      this.line(line, 0, line.length);
      start = newline + 1;
    }
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline < 0) break;
      this.line(chunk, start, newline);
      start = newline + 1;
    }
    // a copy: the reader may reuse its buffer for the next chunk
    if (start < chunk.length) this.carry = new Uint8Array(chunk.subarray(start));
  }

  /** The last line, when the file does not end with a line break. */
  end(): void {
    if (this.carry) {
      const line = this.carry;
      this.carry = undefined;
      this.line(line, 0, line.length);
    }
  }

  private useFormat(names: readonly string[], where: string): void {
    this.columnNames = [...names];
    this.columns = new Int16Array(names.length);
    this.kinds = new Uint8Array(names.length);
    this.limits = new Float64Array(names.length).fill(Number.MAX_SAFE_INTEGER);
    this.view.values.fill(NOT_IN_FORMAT);
    const unknown: string[] = [];
    names.forEach((name, column) => {
      const index = fieldIndex(name);
      this.columns[column] = index;
      this.kinds[column] = index < 0 ? SKIP : KIND_CODES[FLOW_LOG_FIELDS[index]!.kind];
      this.limits[column] = INTEGER_LIMITS[name] ?? Number.MAX_SAFE_INTEGER;
      if (index < 0) unknown.push(name);
    });
    if (unknown.length > 0) this.sink.warning(`${this.file}: ${where} names field${unknown.length === 1 ? '' : 's'} Reachmap does not read (${unknown.join(', ')}): ignored`);
  }

  private line(bytes: Uint8Array, start: number, end: number): void {
    this.lineNumber++;
    if (end > start && bytes[end - 1] === RETURN) end--;
    while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
    if (start === end) return;
    if (!this.sawLine) {
      this.sawLine = true;
      if (this.header(bytes, start, end)) return;
    }
    const reason = this.fields(bytes, start, end);
    if (reason === undefined) {
      this.view.line = this.lineNumber;
      this.sink.record(this.view);
      return;
    }
    // a header in the middle (files joined with cat) changes the format from here on
    if (this.header(bytes, start, end)) return;
    this.sink.badLine({ file: this.file, line: this.lineNumber, reason });
  }

  /** True (and the format switched) when the line is a header: field names only. */
  private header(bytes: Uint8Array, start: number, end: number): boolean {
    const first = bytes[start]!;
    if (first < 0x61 || first > 0x7a) return false;
    const names = formatFields(text(bytes, start, end));
    if (!names) return false;
    this.useFormat(names, `the header on line ${this.lineNumber}`);
    return true;
  }

  /** Parses every column into the view; the reason when the line is bad. */
  private fields(bytes: Uint8Array, start: number, end: number): string | undefined {
    const values = this.view.values;
    const columns = this.columns;
    const kinds = this.kinds;
    const count = columns.length;
    let column = 0;
    let i = start;
    for (;;) {
      while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
      if (i >= end) break;
      const from = i;
      while (i < end && bytes[i] !== SPACE && bytes[i] !== TAB) i++;
      if (column >= count) return `more fields than the format's ${count} (${this.formatName()})`;
      const kind = kinds[column]!;
      const field = columns[column]!;
      if (kind === SKIP) {
        column++;
        continue;
      }
      if (i - from === 1 && bytes[from] === DASH) {
        values[field] = NOT_APPLICABLE;
        column++;
        continue;
      }
      let value: number;
      switch (kind) {
        case 0: // integer
        case 1: // count
        case 2: // time
          value = digits(bytes, from, i);
          if (value < 0 || value > this.limits[column]!) return `${this.columnNames[column]} is ${this.quote(bytes, from, i)}, not ${kind === 0 ? `an integer 0-${this.limits[column] === Number.MAX_SAFE_INTEGER ? 'n' : this.limits[column]}` : kind === 2 ? 'Unix seconds' : 'a count'}`;
          break;
        case 3: // address
          value = ipv4(bytes, from, i);
          if (value < 0) {
            if (!looksIpv6(bytes, from, i)) return `${this.columnNames[column]} is ${this.quote(bytes, from, i)}, not an IPv4 or IPv6 address`;
            value = IPV6_BASE + this.interner.intern(bytes, from, i);
          }
          break;
        case 4: // action
          value = word(bytes, from, i, 'ACCEPT') ? ACTION.ACCEPT : word(bytes, from, i, 'REJECT') ? ACTION.REJECT : -3;
          if (value < 0) return `action is ${this.quote(bytes, from, i)}, not ACCEPT, REJECT or -`;
          break;
        case 5: // status
          value = word(bytes, from, i, 'OK') ? STATUS.OK : word(bytes, from, i, 'NODATA') ? STATUS.NODATA : word(bytes, from, i, 'SKIPDATA') ? STATUS.SKIPDATA : -3;
          if (value < 0) return `log-status is ${this.quote(bytes, from, i)}, not OK, NODATA, SKIPDATA or -`;
          break;
        case 6: // direction
          value = word(bytes, from, i, 'ingress') ? DIRECTION.ingress : word(bytes, from, i, 'egress') ? DIRECTION.egress : -3;
          if (value < 0) return `flow-direction is ${this.quote(bytes, from, i)}, not ingress, egress or -`;
          break;
        default: // text
          value = this.interner.intern(bytes, from, i);
      }
      values[field] = value;
      column++;
    }
    if (column < count) return `${column} field${column === 1 ? '' : 's'}, the format has ${count} (${this.formatName()})`;
    return undefined;
  }

  private quote(bytes: Uint8Array, from: number, to: number): string {
    return this.quoteValues ? quote(bytes, from, to) : 'a value';
  }

  private formatName(): string {
    const same = this.columnNames.length === this.defaultFormat.length && this.columnNames.every((name, i) => name === this.defaultFormat[i]);
    return same && this.defaultFormat === DEFAULT_FORMAT ? 'the default version-2 format' : this.columnNames.join(' ');
  }
}

/** The decimal number in bytes[from, to), or -1 when it is not one. */
function digits(bytes: Uint8Array, from: number, to: number): number {
  if (to - from > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** The IPv4 address in bytes[from, to) as an unsigned 32-bit number, or -1. */
function ipv4(bytes: Uint8Array, from: number, to: number): number {
  let address = 0;
  let octet = 0;
  let digitsInOctet = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b === DOT) {
      if (digitsInOctet === 0 || dots === 3) return -1;
      address = address * 256 + octet;
      octet = 0;
      digitsInOctet = 0;
      dots++;
      continue;
    }
    const d = b - ZERO;
    if (d < 0 || d > 9 || digitsInOctet === 3) return -1;
    octet = octet * 10 + d;
    if (octet > 255) return -1;
    digitsInOctet++;
  }
  if (dots !== 3 || digitsInOctet === 0) return -1;
  return address * 256 + octet;
}

/** Hex digits and colons (and an embedded IPv4 tail's dots), with at least two colons. */
function looksIpv6(bytes: Uint8Array, from: number, to: number): boolean {
  if (to - from > 45) return false;
  let colons = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i]! | 0x20;
    if (b === COLON || bytes[i] === COLON) colons++;
    else if (!((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || bytes[i] === DOT)) return false;
  }
  return colons >= 2;
}

function word(bytes: Uint8Array, from: number, to: number, expected: string): boolean {
  if (to - from !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[from + i] !== expected.charCodeAt(i)) return false;
  return true;
}

function text(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

/** A bad value for a message: quoted, cut to 40 characters. */
function quote(bytes: Uint8Array, from: number, to: number): string {
  const shown = text(bytes, from, Math.min(to, from + 40));
  return JSON.stringify(to - from > 40 ? `${shown}…` : shown);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
