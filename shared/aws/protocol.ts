// IP protocols as AWS writes them ("-1", "tcp", "6", sometimes 6) -> the model's numbers.
import type { ProtocolNumber } from '../model/types.js';

const byName: Readonly<Record<string, number>> = { tcp: 6, udp: 17, icmp: 1, icmpv6: 58, all: -1, '-1': -1 };

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;
export const ALL_PROTOCOLS = -1;

/** undefined when the value names no IP protocol */
export function protocolNumber(value: string | number): ProtocolNumber | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= -1 && value <= 255 ? value : undefined;
  const text = value.trim().toLowerCase();
  if (Object.hasOwn(byName, text)) return byName[text];
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const number = Number(text);
  return number <= 255 ? number : undefined;
}

export function hasPorts(protocol: ProtocolNumber): boolean {
  return protocol === TCP || protocol === UDP;
}
