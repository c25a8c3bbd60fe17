// IANA protocol numbers as `reachmap analyze` names them, and byte counts as
// people read them: the texts every face of the flow logs shows.
const PROTOCOL_NAMES: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp' };

export function protocolName(protocol: number): string {
  return PROTOCOL_NAMES[protocol] ?? String(protocol);
}

/** "tcp/443", "icmp", "50" */
export function serviceText(protocol: number, port: number | null): string {
  return port === null ? protocolName(protocol) : `${protocolName(protocol)}/${port}`;
}

/** "900 B", "30.0 KB", "1.2 GB" (powers of 1000, as AWS's consoles count traffic) */
export function bytesText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
