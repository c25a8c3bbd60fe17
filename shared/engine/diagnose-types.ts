// The shape of `reachmap diagnose TARGET --json`: the layered checklist of the
// troubleshooting playbook (PLAYBOOK.md) for "why can't TARGET be reached".
import type { Blocked, ComponentKind, Fix, Verdict } from './analysis-types.js';

/** `warn`: not a drop today, but a trap (an ACL narrower than the ephemeral range, a route to nowhere). */
export type CheckStatus = 'pass' | 'fail' | 'unknown' | 'warn';

/** Bottom up, in the playbook's order. */
/** Bottom up, in the playbook's order; `load-balancer` for a machine behind one (its listeners, health, clients). */
export type DiagnoseLayer = 'state' | 'addressing' | 'routing' | 'filtering' | 'sources' | 'load-balancer';

export interface DiagnoseCheck {
  layer: DiagnoseLayer;
  /** stable name of the check, e.g. "instance-running", "acl-inbound:tcp/443", "from-internet:tcp/443" */
  id: string;
  /** what is checked, in words */
  title: string;
  status: CheckStatus;
  /** the component the check is about (the one to fix when it fails) */
  component: { id: string; kind: ComponentKind } | null;
  detail: string;
  fix: Fix | null;
  /**
   * true when the failure is what the configuration evidently intends, so it
   * is not the answer: the internet and a private machine, or security groups
   * that admit other sources and not this one. The check and its fix stay.
   */
  byDesign?: boolean;
  /** for the checks of the `sources` layer: the real trace (`reachmap analyze`) that decided */
  /** `family: 'ipv6'` on a trace over IPv6 (`analyze --family ipv6`); absent on IPv4 */
  flow?: { from: string; to: string; protocol: string; port: number | null; verdict: Verdict; blocked: Blocked | null; family?: 'ipv6' };
}

export interface DiagnoseTarget {
  /** as given on the command line */
  query: string;
  eni: string;
  instance: string | null;
  name: string | null;
  vpc: string;
  subnet: string;
  /** the primary private IPv4; on an IPv6 target, its IPv6 address */
  privateIp: string;
  /** the public IPv4 (null without one); on an IPv6 target its IPv6 address (global), null when it has none */
  publicIp: string | null;
  /** the family diagnosed, like exposure's entries: absent on IPv4 (the target looks exactly as before), `ipv6` on IPv6 */
  family?: 'ipv6';
}

export interface DiagnoseReport {
  target: DiagnoseTarget;
  /** the ports checked, and where they came from: --port, the target's security groups, or 22/80/443 */
  ports: { protocol: 'tcp' | 'udp'; port: number }[];
  portsFrom: 'option' | 'security-groups' | 'default';
  checks: DiagnoseCheck[];
  /** the first check (bottom up) that fails or cannot be judged; null when none does */
  firstFailure: { layer: DiagnoseLayer; id: string } | null;
  /** one sentence: the answer */
  summary: string;
  warnings: string[];
}
