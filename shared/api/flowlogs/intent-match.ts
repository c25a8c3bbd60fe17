// --intents against the records: accepted traffic that no intent allows,
// and rejected traffic that an intent expects to get through. An intent's
// ends become sets of addresses (an instance or interface: its addresses; a
// tag selector: every matching instance's; `internet`: any public address).
import { resolveEndpoint } from '../../engine/endpoints.js';
import { InputError } from '../../model/errors.js';
import { isPrivateIpv4, parseIpv4 } from '../../model/ipv4.js';
import type { NetworkModel } from '../../model/types.js';
import type { FlowIntent, IntentsDocument } from '../intents/document.js';
import { createEndpointExpander } from '../intents/flow-endpoints.js';
import { serviceText } from './protocols.js';
import type { IntentMismatch, ReconciledConversation } from './report-types.js';

type AddressTest = (address: string) => boolean;

const PROTOCOL_NUMBERS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };

function endsOf(model: NetworkModel, text: string, role: 'source' | 'destination', where: string, expand: (text: string, where: string) => readonly string[]): AddressTest {
  const sets = expand(text, where).map((one): AddressTest => {
    if (one.trim() === 'internet') return (address) => {
      const ip = parseIpv4(address);
      return ip !== undefined && !isPrivateIpv4(ip);
    };
    let endpoint;
    try {
      endpoint = resolveEndpoint(model, one, role);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${where}: ${error.message}`);
      throw error;
    }
    if (endpoint.kind === 'eni') {
      const addresses = new Set<number>();
      for (const a of endpoint.eni.privateAddresses) {
        addresses.add(a.ip);
        if (a.publicIp !== undefined) addresses.add(a.publicIp);
      }
      return (address) => addresses.has(parseIpv4(address) ?? -1);
    }
    const ip = endpoint.ip;
    return (address) => parseIpv4(address) === ip;
  });
  return (address) => sets.some((test) => test(address));
}

function intentName(intent: FlowIntent): string {
  return intent.name ?? `flows[${intent.index}] ${intent.from} -> ${intent.to}${intent.port !== undefined ? ` ${intent.protocol}/${intent.port}` : ` ${intent.protocol}`}`;
}

export function intentMismatches(model: NetworkModel, document: IntentsDocument, conversations: readonly ReconciledConversation[]): { acceptedNotAllowed: IntentMismatch[]; rejectedExpected: IntentMismatch[] } {
  const expand = createEndpointExpander(model);
  const intents = document.flows.map((intent) => {
    const where = `${document.file}: flows[${intent.index}]`;
    const protocol = intent.protocol.toLowerCase();
    const number = PROTOCOL_NUMBERS[protocol] ?? (protocol === 'all' ? -1 : Number(protocol));
    return { intent, from: endsOf(model, intent.from, 'source', `${where}.from`, expand), to: endsOf(model, intent.to, 'destination', `${where}.to`, expand), protocol: number };
  });
  const matching = (c: ReconciledConversation) =>
    intents.filter((i) => (i.protocol === -1 || i.protocol === c.protocol) && (i.intent.port === undefined || i.intent.port === c.port) && i.from(c.client) && i.to(c.server));
  const acceptedNotAllowed: IntentMismatch[] = [];
  const rejectedExpected: IntentMismatch[] = [];
  conversations.forEach((c, index) => {
    const reachable = matching(c).filter((i) => i.intent.expect === 'reachable');
    if (c.forward.accepted.records + c.return.accepted.records > 0 && reachable.length === 0) {
      acceptedNotAllowed.push({ index, intent: null, text: `ACCEPT at ${c.interfaceId}: ${c.client} -> ${c.server} ${serviceText(c.protocol, c.port)}, which no intent allows` });
    }
    if (c.forward.rejected.records + c.return.rejected.records > 0) {
      for (const i of reachable) rejectedExpected.push({ index, intent: intentName(i.intent), text: `REJECT at ${c.interfaceId}: ${c.client} -> ${c.server} ${serviceText(c.protocol, c.port)}, which the intent "${intentName(i.intent)}" expects to be reachable` });
    }
  });
  return { acceptedNotAllowed, rejectedExpected };
}
