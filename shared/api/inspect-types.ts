// What the inspector shows for one component: plain facts and tables, already
// in the order AWS evaluates them, so that every shell can display them as is.
import type { TargetView } from '../engine/load-balancer-view.js';

export type { TargetView };

export interface InspectTable {
  title: string;
  columns: string[];
  rows: string[][];
  /** a sentence shown under the title (e.g. "evaluated in ascending rule number; first match wins") */
  note?: string;
}

export interface Inspection {
  id: string;
  kind: string;
  name: string | null;
  /** label/value pairs: state, CIDR, addresses, AZ ... */
  facts: { label: string; value: string }[];
  tags: Record<string, string>;
  tables: InspectTable[];
  /** components this one uses (its security groups, ACL, route table ...), for navigation */
  related: { id: string; kind: string; label: string }[];
  /** a network interface registered behind load balancers: each registration with its health, whole (the report's target section) */
  loadBalancerTargets?: TargetView[];
}
