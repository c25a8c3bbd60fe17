// The shape of `reachmap problems --json`: what a careful reviewer flags
// without being asked, each with a severity, a stable id, the component, the
// explanation and the fix (from the engine's fix generators, as a trace's).
import type { ComponentKind, Fix, FixOption } from './analysis-types.js';

export type ProblemSeverity = 'high' | 'medium' | 'low';

export type ProblemKind =
  | 'blackhole-route'
  | 'missing-route-target'
  | 'tgw-blackhole-route'
  | 'one-sided-peering-route'
  | 'tgw-zone-gap'
  | 'public-ip-unreachable'
  | 'public-service-reply-blocked'
  | 'open-admin-port'
  | 'no-public-ip-in-public-subnet'
  | 'stale-security-group-reference'
  | 'ephemeral-return-blocked'
  | 'stopped-instance-referenced'
  /** the network drops a target group's health check between the load balancer's nodes and a target */
  | 'health-check-blocked'
  /** AWS reports a target unhealthy though the network lets its health check through */
  | 'target-unhealthy'
  /** a VPN connection whose tunnels are all down (VgwTelemetry) */
  | 'vpn-down'
  /** a VPN connection running on fewer tunnels than it has */
  | 'vpn-tunnel-down';

export interface ProblemComponent {
  id: string;
  kind: ComponentKind | 'instance';
  /** its Name tag (or group name), null when it has none */
  name: string | null;
}

export interface Problem {
  /** stable: the kind and the ids of what it is about, e.g. "blackhole-route:rtb-0abc:0.0.0.0/0" */
  id: string;
  kind: ProblemKind;
  severity: ProblemSeverity;
  component: ProblemComponent;
  /** one line */
  title: string;
  /** what is wrong and what it breaks */
  explanation: string;
  /** the change that removes it, from the same generators as a trace's fixes; null where only a person can decide */
  fix: Fix | null;
  /** alternatives with their trade-offs, where no single change is safe (as a trace's) */
  options?: FixOption[];
  /** other components involved (subnets affected, the ENIs behind a rule) */
  related: string[];
}

export interface ProblemsReport {
  /** highest severity first, then by id */
  problems: Problem[];
  warnings: string[];
}
