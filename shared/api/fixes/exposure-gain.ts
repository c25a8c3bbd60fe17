// What a change set adds to the internet's reach: the exposure of the network
// interfaces the edits can affect, before and after, compared port by port.
// A fix may add exposure only when the question itself comes from the
// internet, and then only on the asked protocol and port.
import type { ChangeSet, Edit } from '../../model/change-set.js';
import type { NetworkInterface, NetworkModel } from '../../model/types.js';
import { exposureOfInterfaces } from '../../engine/exposure.js';
import type { ExposedService } from '../../engine/exposure-types.js';

/** The interfaces an edit can open or close to the internet. */
function affectedBy(model: NetworkModel, edit: Edit, out: Map<string, NetworkInterface>): void {
  const add = (enis: readonly NetworkInterface[] | undefined) => {
    for (const eni of enis ?? []) out.set(eni.id, eni);
  };
  const inSubnets = (subnetIds: readonly string[]) => subnetIds.forEach((id) => add(model.indexes.enisBySubnet.get(id)));
  switch (edit.action) {
    case 'AuthorizeSecurityGroupIngress':
    case 'AuthorizeSecurityGroupEgress':
    case 'RevokeSecurityGroupIngress':
    case 'RevokeSecurityGroupEgress':
      add(model.indexes.enisBySecurityGroup.get(edit.GroupId));
      return;
    case 'CreateNetworkAclEntry':
    case 'ReplaceNetworkAclEntry':
    case 'DeleteNetworkAclEntry': {
      const acl = model.networkAcls.get(edit.NetworkAclId);
      const subnets = [...model.subnets.values()].filter((s) => s.networkAclId === edit.NetworkAclId).map((s) => s.id);
      inSubnets([...new Set([...(acl?.subnetIds ?? []), ...subnets])]);
      return;
    }
    case 'CreateRoute':
    case 'ReplaceRoute':
    case 'DeleteRoute':
      inSubnets([...model.subnets.values()].filter((s) => s.routeTableId === edit.RouteTableId).map((s) => s.id));
      return;
    case 'ModifyNetworkInterfaceAttribute':
    case 'AssociateAddress':
      add([model.networkInterfaces.get(edit.NetworkInterfaceId)].filter((e): e is NetworkInterface => e !== undefined));
      return;
    case 'StartInstances':
    case 'StopInstances':
      for (const id of edit.InstanceIds) add(model.instances.get(id)?.networkInterfaceIds.map((eniId) => model.networkInterfaces.get(eniId)).filter((e): e is NetworkInterface => e !== undefined));
      return;
    default:
      // NAT gateways, transit gateways and peerings carry no traffic in from the internet.
      return;
  }
}

export interface ExposureGain {
  readonly eni: string;
  readonly name: string | null;
  readonly protocol: string;
  /** "tcp 80", "tcp 1024-65535", "icmp", "all" */
  readonly what: string;
  readonly ports: { from: number; to: number }[] | null;
}

function keyOf(eni: string, service: ExposedService, from: number | null, to: number | null): string {
  return `${eni}|${service.protocol}|${from ?? ''}|${to ?? ''}`;
}

function covered(before: Map<string, ExposedService[]>, eni: string, service: ExposedService, port: { from: number; to: number } | null): boolean {
  return (before.get(eni) ?? []).some(
    (old) => old.protocol === service.protocol && (port === null || old.ports === null || old.ports.some((p) => p.from <= port.from && p.to >= port.to)),
  );
}

/** Services the internet reaches after the change set that it did not reach before, on the interfaces the edits touch. */
export function exposureGained(before: NetworkModel, after: NetworkModel, changeSet: ChangeSet): ExposureGain[] {
  const candidates = new Map<string, NetworkInterface>();
  for (const edit of changeSet.changes) affectedBy(before, edit, candidates);
  if (candidates.size === 0) return [];
  const old = new Map(exposureOfInterfaces(before, candidates.values()).exposed.map((e) => [e.eni, e.services]));
  const afterInterfaces = [...candidates.keys()].map((id) => after.networkInterfaces.get(id)).filter((e): e is NetworkInterface => e !== undefined);
  const gained: ExposureGain[] = [];
  const seen = new Set<string>();
  for (const exposed of exposureOfInterfaces(after, afterInterfaces).exposed) {
    for (const service of exposed.services) {
      const ports = service.ports ?? [null];
      for (const port of ports) {
        if (covered(old, exposed.eni, service, port)) continue;
        const key = keyOf(exposed.eni, service, port?.from ?? null, port?.to ?? null);
        if (seen.has(key)) continue;
        seen.add(key);
        const what = port === null ? service.protocol : `${service.protocol} ${port.from === port.to ? port.from : `${port.from}-${port.to}`}`;
        gained.push({ eni: exposed.eni, name: exposed.name, protocol: service.protocol, what, ports: port ? [port] : null });
      }
    }
  }
  return gained;
}
