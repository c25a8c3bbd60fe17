// One way to say a protocol and its ports, for the CLI's `allowed` and the
// inspector's "what can A send to B": the two must read the same.
import type { ProtocolPorts } from './allowed-types.js';

/** `show` makes snapshot text safe for where it is printed (a terminal, a page) */
export function protocolPortsText(item: ProtocolPorts, show: (text: string) => string = (text) => text): string {
  if (item.ports !== null) {
    const whole = item.ports.length === 1 && item.ports[0]!.from === 0 && item.ports[0]!.to === 65535;
    return `${show(item.protocol)} ${whole ? 'every port' : item.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ')}`;
  }
  if (item.protocol === 'icmp') return 'icmp echo request';
  if (item.protocol === 'all') return 'every protocol no rule on the path names';
  return `protocol ${show(item.protocol)}`;
}
