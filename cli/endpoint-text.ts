// How the text output names a resolved endpoint: its Name first, then its id
// and address; the internet as what it is, and the address that stood for it
// in the trace as such, never as the client (issue 15.1).
import type { ResolvedEndpoint } from '../shared/api/analysis-types.js';
import { shown, shownName } from './output.js';

/** `typed` is the endpoint as the user gave it: "internet" and igw-... are the internet at large, an address is one host. */
export function endpointText(endpoint: ResolvedEndpoint, typed: string): string {
  const text = typed.trim();
  if (endpoint.kind === 'internet') {
    if (text === 'internet' || text.startsWith('igw-')) {
      const through = endpoint.id === 'internet' ? '' : ` through ${shownName(endpoint.id)}`;
      return `the internet (any address${through}; traced as ${shown(endpoint.ip)})`;
    }
    return `${shown(endpoint.ip)} (an internet host)`;
  }
  if (endpoint.kind === 'address') return `${shown(endpoint.ip)} (an address no network interface holds)`;
  if (endpoint.kind === 'on-premises') return `${shown(endpoint.ip)} (an on-premises host, over a VPN)`;
  return endpoint.name === undefined ? `${shownName(endpoint.id)} (${shown(endpoint.ip)})` : `${shownName(endpoint.name)} (${shownName(endpoint.id)}, ${shown(endpoint.ip)})`;
}
