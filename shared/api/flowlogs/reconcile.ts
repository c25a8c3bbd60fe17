// The records set against the model: for each conversation, where the
// recording interface stands (client, server, or a gateway's interface in
// between), the engine's answer for the flow, and what the records say
// against it. A REJECT the model explains names the component and rule; a
// REJECT the model lets through, or an ACCEPT at a component the model says
// drops the flow, is a disagreement. ACCEPT at the client's interface with a
// drop on the server's side is no disagreement: the client's own security
// group and ACL did let it out.
import { analyzeFlow } from '../../engine/analyze.js';
import type { AnalyzeResult } from '../../engine/analysis-types.js';
import { InputError } from '../../model/errors.js';
import { parseIpv4 } from '../../model/ipv4.js';
import { cidr6Contains, parseIpv6 } from '../../model/ipv6.js';
import type { NetworkInterface, NetworkModel } from '../../model/types.js';
import type { IntentsDocument } from '../intents/document.js';
import { intentMismatches } from './intent-match.js';
import { protocolName, serviceText } from './protocols.js';
import { isoTime } from './time-window.js';
import type { FlowLogReading, ObservedConversation } from './reading-types.js';
import type { Finding, FlowLogsReport, InterfaceSide, ModelAnswer, RankedConversation, ReconciledConversation } from './report-types.js';

export const DEFAULT_MAX_SKEW_HOURS = 24;
export const DEFAULT_TOP = 10;

export interface ReconcileOptions {
  /** how the snapshot is named (a path, "demo") */
  label: string;
  maxSkewHours?: number;
  top?: number;
  intents?: IntentsDocument;
}

export function reconcileFlowLogs(model: NetworkModel, reading: FlowLogReading, options: ReconcileOptions): FlowLogsReport {
  const traces = new Map<string, { answer: ModelAnswer | null; note: string | null }>();
  const conversations = reading.conversations.map((observed) => reconcileOne(model, observed, traces));
  const maxHours = options.maxSkewHours ?? DEFAULT_MAX_SKEW_HOURS;
  const top = options.top ?? DEFAULT_TOP;
  const warnings = [...reading.warnings];
  const skew = skewOf(reading.window, model.meta.createdAt, maxHours);
  if (skew?.exceeded) warnings.push(`the records (${isoTime(reading.window!.start)} to ${isoTime(reading.window!.end)}) are ${skew.hours} hours from the snapshot's createdAt (${model.meta.createdAt}), more than --max-skew ${maxHours}: the configuration may have changed in between`);
  if (reading.window && !model.meta.createdAt) warnings.push('the snapshot has no createdAt: whether it matches the records\' time cannot be checked');
  const untraced = conversations.filter((c) => c.model === null).length;
  if (untraced > 0) warnings.push(`${untraced} conversation${untraced === 1 ? '' : 's'} could not be traced on the snapshot (see each one's note)`);

  const sum = (pick: (c: ReconciledConversation) => { records: number; packets: number; bytes: number }) =>
    conversations.reduce((total, c) => {
      const t = pick(c);
      return { records: total.records + t.records, packets: total.packets + t.packets, bytes: total.bytes + t.bytes, conversations: total.conversations + (t.records > 0 ? 1 : 0) };
    }, { records: 0, packets: 0, bytes: 0, conversations: 0 });
  const accepted = sum((c) => add(c.forward.accepted, c.return.accepted));
  const rejected = sum((c) => add(c.forward.rejected, c.return.rejected));
  const findings = conversations.flatMap((c) => c.findings);

  return {
    snapshot: { label: options.label, createdAt: model.meta.createdAt ?? null },
    window: reading.window ? { start: isoTime(reading.window.start), end: isoTime(reading.window.end) } : null,
    timeFilter: reading.timeFilter ? { start: isoTime(reading.timeFilter.start), end: isoTime(reading.timeFilter.end), recordsOutside: reading.timeFilter.recordsOutside } : null,
    skew,
    summary: {
      files: reading.files.length,
      records: reading.records,
      badLines: reading.badLines.count,
      conversations: conversations.length,
      accepted,
      rejected,
      explained: findings.filter((f) => f.kind === 'reject-explained').length,
      disagreements: findings.filter((f) => f.disagreement).length,
      unjudged: findings.filter((f) => f.kind === 'reject-unjudged').length,
      noDataWindows: reading.noData.reduce((n, w) => n + w.windows, 0),
      skipDataWindows: reading.skipData.reduce((n, w) => n + w.windows, 0),
    },
    topTalkers: ranked(conversations, (c) => add(add(c.forward.accepted, c.return.accepted), add(c.forward.rejected, c.return.rejected)), 'bytes', top),
    topRejects: ranked(conversations, (c) => add(c.forward.rejected, c.return.rejected), 'packets', top),
    intents: options.intents ? { file: options.intents.file, ...intentMismatches(model, options.intents, conversations) } : null,
    conversations,
    noData: reading.noData,
    skipData: reading.skipData,
    badLines: reading.badLines,
    warnings,
  };
}

function add(a: { records: number; packets: number; bytes: number }, b: { records: number; packets: number; bytes: number }) {
  return { records: a.records + b.records, packets: a.packets + b.packets, bytes: a.bytes + b.bytes };
}

function ranked(conversations: readonly ReconciledConversation[], pick: (c: ReconciledConversation) => { records: number; packets: number; bytes: number }, by: 'bytes' | 'packets', top: number): RankedConversation[] {
  return conversations
    .map((c, index) => ({ c, index, t: pick(c) }))
    .filter((x) => x.t.records > 0)
    .sort((a, b) => b.t[by] - a.t[by] || a.index - b.index)
    .slice(0, top)
    .map(({ c, index, t }) => ({ index, interfaceId: c.interfaceId, client: c.client, server: c.server, protocol: c.protocol, port: c.port, packets: t.packets, bytes: t.bytes }));
}

/** Hours (one decimal) from the records' window to createdAt: 0 when createdAt falls inside it. */
function skewOf(window: FlowLogReading['window'], createdAt: string | undefined, maxHours: number): FlowLogsReport['skew'] {
  if (!window || !createdAt) return null;
  const taken = Date.parse(createdAt) / 1000;
  if (Number.isNaN(taken)) return null;
  const seconds = taken < window.start ? window.start - taken : taken > window.end ? taken - window.end : 0;
  const hours = Math.round((seconds / 3600) * 10) / 10;
  return { hours, maxHours, exceeded: hours > maxHours };
}

function holds(eni: NetworkInterface, address: string): boolean {
  const ip = parseIpv4(address);
  if (ip === undefined) {
    // an IPv6 address: one of the interface's own, or inside a prefix delegated to it
    const ip6 = parseIpv6(address);
    return ip6 !== undefined && (eni.ipv6Addresses.includes(ip6) || eni.ipv6Prefixes.some((prefix) => cidr6Contains(prefix, ip6)));
  }
  return eni.privateAddresses.some((a) => a.ip === ip || a.publicIp === ip) || eni.publicIp === ip;
}

function sideOf(eni: NetworkInterface | undefined, c: ObservedConversation): InterfaceSide {
  if (eni) {
    if (holds(eni, c.server)) return 'server';
    if (holds(eni, c.client)) return 'client';
    return 'transit';
  }
  return c.direction === 'ingress' ? 'server' : c.direction === 'egress' ? 'client' : 'unknown';
}

export function interfaceName(model: NetworkModel, eni: NetworkInterface | undefined): string | null {
  if (!eni) return null;
  const instance = eni.instanceId ? model.instances.get(eni.instanceId) : undefined;
  return instance?.name ?? eni.name ?? null;
}

function reconcileOne(model: NetworkModel, c: ObservedConversation, traces: Map<string, { answer: ModelAnswer | null; note: string | null }>): ReconciledConversation {
  const eni = model.networkInterfaces.get(c.interfaceId);
  const side = sideOf(eni, c);
  const from = side === 'client' && eni ? eni.id : c.client;
  const to = side === 'server' && eni ? eni.id : c.server;
  const protocol = protocolName(c.protocol);
  const key = `${from} ${to} ${protocol} ${c.port} ${c.clientPort}`;
  let trace = traces.get(key);
  if (!trace) {
    // a record's addresses are of one family; an IPv6 flow says so, as `analyze --family ipv6` does
    const ipv6 = c.client.includes(':') || c.server.includes(':');
    trace = traceFlow(model, { from, to, protocol, port: c.port, sourcePort: c.clientPort, ...(ipv6 ? { family: 'ipv6' as const } : {}) });
    traces.set(key, trace);
  }
  const note = eni ? trace.note : [`${c.interfaceId} is not in the snapshot (a newer interface, or another account's or region's)`, trace.note].filter((n) => n !== null).join('; ');
  return { ...c, interfaceName: interfaceName(model, eni), side, model: trace.answer, note: note === '' ? null : note, findings: findingsOf(model, c, eni, side, trace.answer) };
}

function traceFlow(model: NetworkModel, flow: ModelAnswer['flow']): { answer: ModelAnswer | null; note: string | null } {
  let result: AnalyzeResult;
  try {
    result = analyzeFlow(model, {
      from: flow.from,
      to: flow.to,
      protocol: flow.protocol,
      ...(flow.family ? { family: flow.family } : {}),
      ...(flow.port !== null && (flow.protocol === 'tcp' || flow.protocol === 'udp') ? { port: flow.port } : {}),
      ...(flow.sourcePort !== null && (flow.protocol === 'tcp' || flow.protocol === 'udp') ? { sourcePort: flow.sourcePort } : {}),
    });
  } catch (error) {
    if (error instanceof InputError) return { answer: null, note: `not traced: ${error.message}` };
    throw error;
  }
  const b = result.blocked;
  const blocked = b ? { id: b.id, kind: b.kind, direction: b.direction, code: b.code, detail: b.detail, ...(b.rule !== undefined ? { rule: b.rule } : {}) } : null;
  return { answer: { flow, verdict: result.verdict, blocked }, note: null };
}

/** The interface's own filters: its security groups, its subnet's network ACL, the interface itself. */
function ownComponent(model: NetworkModel, eni: NetworkInterface | undefined, id: string): boolean {
  if (!eni) return false;
  if (id === eni.id || eni.securityGroupIds.includes(id)) return true;
  return model.subnets.get(eni.subnetId)?.networkAclId === id;
}

function where(c: ObservedConversation): string {
  return `${c.client} -> ${c.server} ${serviceText(c.protocol, c.port)}`;
}

function blockedText(answer: ModelAnswer): string {
  const b = answer.blocked!;
  return `${b.kind} ${b.id} on the ${b.direction} leg (${b.code}): ${b.detail}`;
}

function findingsOf(model: NetworkModel, c: ObservedConversation, eni: NetworkInterface | undefined, side: InterfaceSide, answer: ModelAnswer | null): Finding[] {
  const findings: Finding[] = [];
  const at = `at ${c.interfaceId}`;
  for (const leg of ['forward', 'return'] as const) {
    const records = c[leg];
    const what = leg === 'forward' ? 'the request' : 'the reply';
    if (records.rejected.records > 0) {
      if (!answer || answer.verdict === 'unknown') {
        findings.push({ kind: 'reject-unjudged', leg, disagreement: false, text: `REJECT ${at} for ${what} of ${where(c)}; the configuration cannot say why (${answer ? blockedText(answer) : 'not traced'})` });
      } else if (answer.verdict === 'reachable') {
        findings.push({ kind: 'reject-not-explained', leg, disagreement: true, text: `REJECT ${at} for ${what} of ${where(c)}, yet the configuration lets it through: not explained by the configuration: stale snapshot, host firewall, or a component we do not model` });
      } else {
        findings.push({ kind: 'reject-explained', leg, disagreement: false, text: `REJECT ${at} for ${what} of ${where(c)}: dropped by ${blockedText(answer)}` });
      }
    }
    if (records.accepted.records > 0 && answer?.blocked && answer.verdict === 'unreachable' && acceptContradicts(model, eni, side, leg, answer)) {
      findings.push({ kind: 'accept-contradicts-model', leg, disagreement: true, text: `ACCEPT ${at} for ${what} of ${where(c)}, yet the configuration drops it at ${blockedText(answer)}: the snapshot does not match what the network did` });
    }
  }
  return findings;
}

/**
 * Whether ACCEPT records on `leg` at this interface contradict the model's drop.
 * What an ACCEPT proves depends on where it was recorded: at the server, the
 * request arrived (the whole forward leg worked); at the client, a reply
 * arrived (both legs worked), or the request left (the client's own filters
 * let it out); at the server, a reply left (its own filters let it out).
 */
function acceptContradicts(model: NetworkModel, eni: NetworkInterface | undefined, side: InterfaceSide, leg: 'forward' | 'return', answer: ModelAnswer): boolean {
  const b = answer.blocked!;
  const own = ownComponent(model, eni, b.id);
  if (side === 'server' && leg === 'forward') return b.direction === 'forward';
  if (side === 'client' && leg === 'return') return true;
  if (side === 'client' && leg === 'forward') return b.direction === 'forward' && own;
  if (side === 'server' && leg === 'return') return b.direction === 'forward' || own;
  // an interface between the two (a NAT or transit gateway's): only its own filters are proven
  return own && b.direction === leg;
}
