// What the oracle's IPv4 walk (oracle.ts) and IPv6 walk (oracle6.ts) do
// alike: stop at the first component that drops or cannot judge the packet,
// check both ends are up, and find a subnet and its route table.
import { instanceUnseen, subnetOwnerMissing } from './oracle-accounts.js';
import type { Raw, RawView } from './raw-view.js';
import type { Leg, OracleAnswer, OracleBlocked } from './oracle.js';

const UNKNOWN_CODES = new Set(['UNSUPPORTED_COMPONENT', 'UNKNOWN_RESOURCE']);

export class Stop {
  constructor(readonly blocked: OracleBlocked) {}
}

/** Stops the walk where a route table or gateway is absent, blackholed, or out of state... */
export function stop(id: string, kind: string, code: string, direction: Leg): never {
  throw new Stop({ id, kind, code, direction });
}

/** Walks both legs (`walk`); the first stop is the answer, else the flow is reachable. */
export function answerOf(trace: string[], walk: () => void, note: (line: string) => void): OracleAnswer {
  try {
    walk();
    return { verdict: 'reachable', blocked: null, trace };
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    note(`STOP ${e.blocked.kind} ${e.blocked.id} ${e.blocked.code} (${e.blocked.direction})`);
    return { verdict: UNKNOWN_CODES.has(e.blocked.code) ? 'unknown' : 'unreachable', blocked: e.blocked, trace };
  }
}

/** Only running instances and in-use ENIs send or receive (DESIGN.md section 4, step 1); an instance of an account not collected is unknown. */
export function checkEniState(view: RawView, eni: Raw): void {
  const instanceId = eni.Attachment?.InstanceId;
  if (instanceUnseen(view, eni)) stop(eni.NetworkInterfaceId, 'eni', 'UNKNOWN_RESOURCE', 'forward');
  if (instanceId) {
    const state = view.instance(instanceId)?.State?.Name;
    if (state !== 'running') stop(eni.NetworkInterfaceId, 'eni', 'BAD_STATE', 'forward');
  }
  if (eni.Status !== 'in-use') stop(eni.NetworkInterfaceId, 'eni', 'BAD_STATE', 'forward');
}

/** The subnet's explicitly associated route table, else its VPC's main one; unknown where the subnet's owner was not collected. */
export function routeTableOf(view: RawView, subnet: Raw, leg: Leg): Raw {
  const explicit = view.routeTables.find((t) => (t.Associations ?? []).some((a: Raw) => a.SubnetId === subnet.SubnetId));
  const main = view.routeTables.find((t) => t.VpcId === subnet.VpcId && (t.Associations ?? []).some((a: Raw) => a.Main === true));
  const table = explicit ?? main;
  if (!table && subnetOwnerMissing(view, subnet)) stop(subnet.SubnetId, 'subnet', 'UNKNOWN_RESOURCE', leg);
  if (!table) throw new Error(`oracle: ${subnet.SubnetId} has no route table`);
  return table;
}

export function mustSubnet(view: RawView, id: string): Raw {
  const subnet = view.subnet(id);
  if (!subnet) throw new Error(`oracle: subnet ${id} is not in the snapshot`);
  return subnet;
}
