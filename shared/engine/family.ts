// A flow's address family (issue 17): --family where given, else the family
// of a literal address at either end, else IPv4. Light on purpose: the shells
// check it before a snapshot is read (shared/api/flow.ts).
import { InputError } from '../model/errors.js';
import { parseIpv4 } from '../model/ipv4.js';
import { parseIpv6 } from '../model/ipv6.js';
import type { Family } from '../model/ip.js';

/** The family an endpoint's text decides by itself: a literal address's; undefined for names and ids. */
export function literalFamily(text: string): Family | undefined {
  const value = text.trim();
  if (parseIpv4(value) !== undefined) return 'ipv4';
  if (parseIpv6(value) !== undefined) return 'ipv6';
  return undefined;
}

/** A literal of the other family than --family, or two literals of different families, is bad input. */
export function flowFamily(request: { readonly from: string; readonly to: string; readonly family?: string | undefined }): Family {
  const asked = request.family?.trim().toLowerCase();
  if (asked !== undefined && asked !== 'ipv4' && asked !== 'ipv6') throw new InputError(`--family: "${request.family}" is not ipv4 or ipv6`);
  let family = asked as Family | undefined;
  for (const [option, text] of [['--from', request.from], ['--to', request.to]] as const) {
    const literal = literalFamily(text);
    if (literal === undefined) continue;
    if (family !== undefined && literal !== family) {
      throw new InputError(`${option} "${text.trim()}" is an ${literal === 'ipv4' ? 'IPv4' : 'IPv6'} address, but the flow is ${family === 'ipv4' ? 'IPv4' : 'IPv6'}${asked ? ' (--family)' : ''}`);
    }
    family = literal;
  }
  return family ?? 'ipv4';
}
