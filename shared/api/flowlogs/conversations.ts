// Records grouped into conversations, as they stream past: per network
// interface and direction, keyed by client, server, protocol and the
// server's port (the client's port would split one conversation into as many
// as it has connections). A reply is counted on its conversation's return
// leg, not as a flow of its own. Memory grows with the conversations, never
// with the records: each keeps counters, its first and last time, one
// client port, and the first few records' places in the files.
import { ACTION, DIRECTION, F, IPV6_BASE, STATUS, type FlowRecordView } from './parser.js';
import type { Interner } from './interner.js';

/** Below this a port can be a service's (the start of the IANA dynamic range, and Windows' ephemeral ports). */
const EPHEMERAL_START = 49152;
/** Kept per conversation and action: where to read the records themselves. */
const SAMPLES = 3;

/** A kept record: where it is, and what a person reads of it (null for `-`); its addresses, protocol and action are its conversation's and kind's. */
export interface RecordPlace {
  file: string;
  line: number;
  /** Unix seconds */
  start: number | null;
  end: number | null;
  srcport: number | null;
  dstport: number | null;
  packets: number | null;
  bytes: number | null;
}

/** Records kept by time: those whose capture window [start, end] overlaps it (Unix seconds, inclusive). */
export interface TimeWindow {
  start: number;
  end: number;
}

/** One conversation as the grouper gives it at the end; its addresses are numbers (IPv4, or IPV6_BASE + interned text). */
export interface ConversationCounts {
  interfaceId: number;
  /** the request's direction at the interface: 0 unknown (no flow-direction field), else DIRECTION */
  direction: number;
  client: number;
  server: number;
  protocol: number;
  /** the server's port; -1 for protocols without ports */
  port: number;
  /** the first client port seen (a representative for tracing) */
  clientPort: number;
  accountId: number;
  /** [forward accepted, forward rejected, return accepted, return rejected] x [records, packets, bytes] */
  readonly counts: Float64Array;
  firstStart: number;
  lastEnd: number;
  /** the first records of each kind: forward accepted, forward rejected, return accepted, return rejected */
  readonly samples: RecordPlace[][];
  /** trafficPath of the egress records (version 5), -1 when none */
  trafficPath: number;
}

export const FORWARD_ACCEPT = 0;
export const FORWARD_REJECT = 1;
export const RETURN_ACCEPT = 2;
export const RETURN_REJECT = 3;

export interface WindowCounts {
  noData: number;
  skipData: number;
}

/** counters per conversation: 4 kinds (forward/return x accept/reject) x records, packets, bytes */
const COUNTS = 12;

/**
 * The table of conversations. Kept as columns of typed arrays (one row per
 * conversation) rather than an object each: a record touches one row of a
 * few flat arrays, which is what keeps the grouping at memory speed.
 */
export class ConversationGrouper {
  private slots = new Int32Array(1 << 14);
  private capacity = 1 << 12;
  private size = 0;
  private iface = new Int32Array(this.capacity);
  private dir = new Uint8Array(this.capacity);
  private proto = new Int16Array(this.capacity);
  private port = new Int32Array(this.capacity);
  private client = new Float64Array(this.capacity);
  private server = new Float64Array(this.capacity);
  private clientPort = new Int32Array(this.capacity);
  private account = new Int32Array(this.capacity);
  private firstStart = new Float64Array(this.capacity);
  private lastEnd = new Float64Array(this.capacity);
  private path = new Int16Array(this.capacity);
  private counts = new Float64Array(this.capacity * COUNTS);
  private sampleCounts = new Uint8Array(this.capacity * 4);
  private readonly samples: RecordPlace[][] = [];
  /** records grouped, and those set aside (a `-` where grouping needs a value) */
  records = 0;
  recordsWithoutFlow = 0;
  windowStart = Number.POSITIVE_INFINITY;
  windowEnd = Number.NEGATIVE_INFINITY;
  /** records left out by the time window (and, with one, records without times) */
  recordsOutsideWindow = 0;
  /** NODATA and SKIPDATA capture windows per interface (interned index) */
  readonly statusWindows = new Map<number, WindowCounts>();

  constructor(readonly interner: Interner, private readonly window: TimeWindow | null = null) {}

  get conversationCount(): number {
    return this.size;
  }

  add(view: FlowRecordView): void {
    const v = view.values;
    const start = v[F.start]!;
    const end = v[F.end]!;
    const window = this.window;
    if (window !== null && (start < 0 || end < 0 || end < window.start || start > window.end)) {
      this.recordsOutsideWindow++;
      return;
    }
    const status = v[F.logStatus]!;
    if (status === STATUS.NODATA || status === STATUS.SKIPDATA) {
      this.statusWindow(v[F.interfaceId]!, status);
      return;
    }
    if (start >= 0 && start < this.windowStart) this.windowStart = start;
    if (end > this.windowEnd) this.windowEnd = end;
    const action = v[F.action]!;
    const interfaceId = v[F.interfaceId]!;
    let source = v[F.pktSrcaddr]!;
    if (source < 0) source = v[F.srcaddr]!;
    let destination = v[F.pktDstaddr]!;
    if (destination < 0) destination = v[F.dstaddr]!;
    const protocol = v[F.protocol]!;
    if (action < 0 || interfaceId < 0 || source < 0 || destination < 0 || protocol < 0) {
      this.recordsWithoutFlow++;
      return;
    }
    this.records++;
    let srcPort = v[F.srcport]!;
    let dstPort = v[F.dstport]!;
    const ported = (protocol === 6 || protocol === 17 || protocol === 132) && srcPort >= 0 && dstPort >= 0;
    if (!ported) srcPort = dstPort = -1;
    // the lower port is the service's when it is not an ephemeral one: this record is then a reply
    const reply = ported && srcPort < dstPort && srcPort < EPHEMERAL_START;
    let direction = v[F.flowDirection]!;
    if (direction < 0) direction = 0;
    else if (reply) direction = direction === DIRECTION.ingress ? DIRECTION.egress : DIRECTION.ingress;
    const row = reply ? this.find(interfaceId, direction, destination, source, protocol, srcPort) : this.find(interfaceId, direction, source, destination, protocol, dstPort);
    if (this.clientPort[row]! < 0) this.clientPort[row] = reply ? dstPort : srcPort;
    if (this.account[row]! < 0) this.account[row] = v[F.accountId]!;
    const kind = (reply ? 2 : 0) + (action === ACTION.REJECT ? 1 : 0);
    const at = row * COUNTS + kind * 3;
    const counts = this.counts;
    const packets = v[F.packets]!;
    const bytes = v[F.bytes]!;
    counts[at]! += 1;
    if (packets > 0) counts[at + 1]! += packets;
    if (bytes > 0) counts[at + 2]! += bytes;
    if (start >= 0 && (this.firstStart[row]! < 0 || start < this.firstStart[row]!)) this.firstStart[row] = start;
    if (end > this.lastEnd[row]!) this.lastEnd[row] = end;
    const path = v[F.trafficPath]!;
    if (path > 0 && this.path[row]! < 0) this.path[row] = path;
    const sample = row * 4 + kind;
    if (this.sampleCounts[sample]! < SAMPLES) {
      this.sampleCounts[sample]!++;
      (this.samples[sample] ??= []).push({ file: view.file, line: view.line, start: known(start), end: known(end), srcport: known(v[F.srcport]!), dstport: known(v[F.dstport]!), packets: known(packets), bytes: known(bytes) });
    }
  }

  /** Every conversation, with portless protocols' replies folded onto their requests (see pairPortless). */
  finish(): ConversationCounts[] {
    const all: ConversationCounts[] = [];
    for (let row = 0; row < this.size; row++) {
      all.push({
        interfaceId: this.iface[row]!,
        direction: this.dir[row]!,
        client: this.client[row]!,
        server: this.server[row]!,
        protocol: this.proto[row]!,
        port: this.port[row]!,
        clientPort: this.clientPort[row]!,
        accountId: this.account[row]!,
        counts: this.counts.slice(row * COUNTS, row * COUNTS + COUNTS),
        firstStart: this.firstStart[row]!,
        lastEnd: this.lastEnd[row]!,
        samples: [0, 1, 2, 3].map((kind) => this.samples[row * 4 + kind] ?? []),
        trafficPath: this.path[row]!,
      });
    }
    return pairPortless(all);
  }

  private statusWindow(interfaceId: number, status: number): void {
    if (interfaceId < 0) return;
    let windows = this.statusWindows.get(interfaceId);
    if (!windows) this.statusWindows.set(interfaceId, (windows = { noData: 0, skipData: 0 }));
    if (status === STATUS.NODATA) windows.noData++;
    else windows.skipData++;
  }

  /** The row of the conversation, added when new. */
  private find(interfaceId: number, direction: number, client: number, server: number, protocol: number, port: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(interfaceId, direction, client, server, protocol, port) & mask; ; slot = (slot + 1) & mask) {
      const row = this.slots[slot]! - 1;
      if (row < 0) return this.insert(slot, interfaceId, direction, client, server, protocol, port);
      if (this.iface[row] === interfaceId && this.client[row] === client && this.server[row] === server && this.port[row] === port && this.proto[row] === protocol && this.dir[row] === direction) return row;
    }
  }

  private insert(slot: number, interfaceId: number, direction: number, client: number, server: number, protocol: number, port: number): number {
    if (this.size === this.capacity) this.growRows();
    const row = this.size++;
    this.iface[row] = interfaceId;
    this.dir[row] = direction;
    this.client[row] = client;
    this.server[row] = server;
    this.proto[row] = protocol;
    this.port[row] = port;
    this.clientPort[row] = -1;
    this.account[row] = -1;
    this.firstStart[row] = -1;
    this.lastEnd[row] = -1;
    this.path[row] = -1;
    this.slots[slot] = row + 1;
    if (this.size * 2 > this.slots.length) this.growSlots();
    return row;
  }

  private growRows(): void {
    const capacity = this.capacity * 2;
    const grown = <T extends Int32Array | Uint8Array | Int16Array | Float64Array>(old: T, make: new (n: number) => T, per = 1): T => {
      const next = new make(capacity * per);
      next.set(old);
      return next;
    };
    this.iface = grown(this.iface, Int32Array);
    this.dir = grown(this.dir, Uint8Array);
    this.proto = grown(this.proto, Int16Array);
    this.port = grown(this.port, Int32Array);
    this.client = grown(this.client, Float64Array);
    this.server = grown(this.server, Float64Array);
    this.clientPort = grown(this.clientPort, Int32Array);
    this.account = grown(this.account, Int32Array);
    this.firstStart = grown(this.firstStart, Float64Array);
    this.lastEnd = grown(this.lastEnd, Float64Array);
    this.path = grown(this.path, Int16Array);
    this.counts = grown(this.counts, Float64Array, COUNTS);
    this.sampleCounts = grown(this.sampleCounts, Uint8Array, 4);
    this.capacity = capacity;
  }

  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let row = 0; row < this.size; row++) {
      let slot = hashOf(this.iface[row]!, this.dir[row]!, this.client[row]!, this.server[row]!, this.proto[row]!, this.port[row]!) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = row + 1;
    }
    this.slots = slots;
  }
}

/** a field's number, null for `-` (or a field the format lacks) */
function known(value: number): number | null {
  return value >= 0 ? value : null;
}

function hashOf(interfaceId: number, direction: number, client: number, server: number, protocol: number, port: number): number {
  // murmur3's mixing of each 32-bit part, then its finalizer: the table's low bits depend on every input bit
  let hash = mix(0, interfaceId);
  hash = mix(hash, client >>> 0);
  hash = mix(hash, server >>> 0);
  hash = mix(hash, (Math.floor(client / IPV6_BASE) << 16) ^ Math.floor(server / IPV6_BASE));
  hash = mix(hash, (protocol << 24) ^ (direction << 20) ^ (port + 1));
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

function mix(hash: number, part: number): number {
  let k = Math.imul(part, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  hash ^= Math.imul(k, 0x1b873593);
  hash = (hash << 13) | (hash >>> 19);
  return (Math.imul(hash, 5) + 0xe6546b64) | 0;
}

/**
 * ICMP and other protocols without ports: a reply looks like a request the
 * other way. Where one interface saw both ways between two addresses, the
 * way seen first (earliest start) is the request and the other is its
 * return leg (AWS's ping example: an ACCEPT for the request and a REJECT for
 * the reply on the same interface).
 */
export function pairPortless(conversations: readonly ConversationCounts[]): ConversationCounts[] {
  const byKey = new Map<string, ConversationCounts>();
  const key = (c: ConversationCounts, client: number, server: number) => `${c.interfaceId} ${client} ${server} ${c.protocol}`;
  for (const c of conversations) if (c.port < 0) byKey.set(key(c, c.client, c.server), c);
  const folded = new Set<ConversationCounts>();
  for (const c of conversations) {
    if (c.port >= 0 || folded.has(c)) continue;
    const other = byKey.get(key(c, c.server, c.client));
    if (!other || other === c || folded.has(other)) continue;
    const [request, reply] = earlier(c, other) ? [c, other] : [other, c];
    // the reply's forward counts are the request's return leg
    for (let i = 0; i < 6; i++) request.counts[6 + i]! += reply.counts[i]!;
    request.samples[RETURN_ACCEPT]!.push(...reply.samples[FORWARD_ACCEPT]!);
    request.samples[RETURN_REJECT]!.push(...reply.samples[FORWARD_REJECT]!);
    if (request.direction === 0 && reply.direction !== 0) request.direction = reply.direction === DIRECTION.ingress ? DIRECTION.egress : DIRECTION.ingress;
    if (reply.lastEnd > request.lastEnd) request.lastEnd = reply.lastEnd;
    folded.add(reply);
  }
  return conversations.filter((c) => !folded.has(c));
}

function earlier(a: ConversationCounts, b: ConversationCounts): boolean {
  if (a.firstStart !== b.firstStart) return a.firstStart >= 0 && (b.firstStart < 0 || a.firstStart < b.firstStart);
  return a.client < b.client;
}

