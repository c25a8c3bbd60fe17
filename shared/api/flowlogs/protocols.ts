// IANA protocol numbers as `reachmap analyze` names them.
const PROTOCOL_NAMES: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp' };

export function protocolName(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? String(protocol);
}

/** "tcp/443", "icmp", "50" */
export function serviceText(protocol: number, port: number | null): string {
  return port === null ? protocolName(protocol) : `${protocolName(protocol)}/${port}`;
}
