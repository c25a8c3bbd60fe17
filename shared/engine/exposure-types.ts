// The shape of `reachmap exposure --json`: everything the internet can reach,
// per ENI, as protocol/port ranges with the sources that may use them.
import type { Hop } from './analysis-types.js';

export interface PortInterval {
  from: number;
  to: number;
}

export interface ExposedService {
  /** "tcp" | "udp" | "icmp" | "all" | an IP protocol number as a string */
  protocol: string;
  /** destination port intervals (tcp/udp); null for protocols without ports */
  ports: PortInterval[] | null;
  /** source CIDRs (e.g. "0.0.0.0/0", "203.0.113.0/24") and prefix-list ids that are admitted */
  sources: string[];
  /** the path that admits them (forward hops of a representative flow) */
  path: Hop[];
  /** the representative flow whose trace gave `path`: `reachmap analyze --from FROM --to TO ...` replays it */
  example?: { from: string; to: string; protocol: string; port: number | null };
}

export interface ExposedNetworkInterface {
  eni: string;
  instance: string | null;
  name: string | null;
  vpc: string;
  subnet: string;
  privateIp: string;
  publicIp: string;
  services: ExposedService[];
}

export interface ExposureReport {
  /** only the ENIs the internet reaches, no others */
  exposed: ExposedNetworkInterface[];
  warnings: string[];
}
