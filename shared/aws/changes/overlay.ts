// The model of an edited snapshot without building it again: the resources a
// change set touched are converted from their edited describe JSON by the
// same modules the importer uses, and set over the original model. Maps are
// copied only where something changed, and the indexes are rebuilt only when
// a network interface changed. Trying a fix on a 10k-ENI network therefore
// costs a few objects, not a new model.
import type { NetworkInterface, NetworkModel } from '../../model/types.js';
import { ImportNotes } from '../import-notes.js';
import { buildIndexes } from '../indexes.js';
import { instanceOf } from '../instances.js';
import { natGatewayOf } from '../nat-gateways.js';
import { networkAclOf } from '../network-acls.js';
import { networkInterfaceOf } from '../network-interfaces.js';
import { routeTableOf } from '../route-tables.js';
import { securityGroupOf } from '../security-groups.js';
import type { AppliedChanges } from './apply.js';
import { RawEditor } from './raw-editor.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The model of `applied.raw`, built from `model` (the model of the snapshot
 * the changes were applied to); undefined when an edit touched what is only
 * built from several records at once (transit gateway attachments and route
 * tables, peerings): the caller then builds the model again.
 */
export function modelWithChanges(model: NetworkModel, applied: AppliedChanges): NetworkModel | undefined {
  if (applied.touched.some((t) => t.kind === 'TransitGateways' || t.kind === 'VpcPeeringConnections')) return undefined;
  const raw = new RawEditor(applied.raw);
  const notes = new ImportNotes();
  const next: Writable<NetworkModel> = { ...model };
  const copied = new Set<keyof NetworkModel>();
  function own<K extends 'securityGroups' | 'networkAcls' | 'routeTables' | 'networkInterfaces' | 'instances' | 'natGateways' | 'transitGatewayAttachments'>(key: K): Map<string, NetworkModel[K] extends ReadonlyMap<string, infer V> ? V : never> {
    if (!copied.has(key)) {
      (next as Record<string, unknown>)[key] = new Map(model[key] as ReadonlyMap<string, unknown>);
      copied.add(key);
    }
    return next[key] as unknown as Map<string, NetworkModel[K] extends ReadonlyMap<string, infer V> ? V : never>;
  }
  const interfaceOf = (eniId: string, previous: NetworkInterface | undefined): NetworkInterface | undefined => {
    const located = raw.find('NetworkInterfaces', eniId);
    const context = {
      subnetId: previous?.subnetId ?? located?.item.SubnetId ?? '',
      vpcId: previous?.vpcId ?? located?.item.VpcId ?? '',
      instanceId: previous?.instanceId,
      availabilityZone: previous?.availabilityZone,
    };
    if (located) return networkInterfaceOf(located.item, located.place, context, notes);
    for (const instanceId of raw.instancesWithInterface(eniId)) {
      const instance = raw.findInstance(instanceId)!;
      const copy = instance.item.NetworkInterfaces?.find((eni) => eni.NetworkInterfaceId === eniId);
      if (copy) return networkInterfaceOf(copy, instance.place, context, notes);
    }
    return undefined;
  };

  let interfacesChanged = false;
  for (const touched of applied.touched) {
    switch (touched.kind) {
      case 'SecurityGroups': {
        const located = raw.find('SecurityGroups', touched.id)!;
        own('securityGroups').set(touched.id, securityGroupOf(located.item, located.place, notes));
        break;
      }
      case 'NetworkAcls': {
        const located = raw.find('NetworkAcls', touched.id)!;
        own('networkAcls').set(touched.id, networkAclOf(located.item, located.place, notes));
        break;
      }
      case 'RouteTables': {
        const located = raw.find('RouteTables', touched.id)!;
        own('routeTables').set(touched.id, routeTableOf(located.item, located.place, notes));
        break;
      }
      case 'NetworkInterfaces': {
        const eni = interfaceOf(touched.id, model.networkInterfaces.get(touched.id));
        if (eni) own('networkInterfaces').set(touched.id, eni);
        interfacesChanged = true;
        break;
      }
      case 'Instances': {
        const located = raw.findInstance(touched.id)!;
        own('instances').set(touched.id, instanceOf(located.item, located.place));
        break;
      }
      case 'NatGateways': {
        const located = raw.find('NatGateways', touched.id)!;
        own('natGateways').set(touched.id, natGatewayOf(located.item, located.place, located.item.VpcId ?? ''));
        for (const address of located.item.NatGatewayAddresses ?? []) {
          const eni = address.NetworkInterfaceId ? interfaceOf(address.NetworkInterfaceId, undefined) : undefined;
          if (eni) own('networkInterfaces').set(eni.id, eni);
        }
        interfacesChanged = true;
        break;
      }
      case 'TransitGatewayAttachments': {
        // An attachment's subnets: the attachment and the index of attachments by VPC are all that hold them.
        const located = raw.find('TransitGatewayVpcAttachments', touched.id);
        const previous = next.transitGatewayAttachments.get(touched.id);
        if (!located || !previous) return undefined;
        const attachment = { ...previous, subnetIds: [...(located.item.SubnetIds ?? [])] };
        own('transitGatewayAttachments').set(touched.id, attachment);
        const byVpc = new Map(next.indexes.tgwAttachmentsByVpc);
        byVpc.set(attachment.resourceId, (byVpc.get(attachment.resourceId) ?? []).map((a) => (a.id === attachment.id ? attachment : a)));
        next.indexes = { ...next.indexes, tgwAttachmentsByVpc: byVpc };
        break;
      }
      default:
        return undefined;
    }
  }
  if (interfacesChanged) next.indexes = buildIndexes(next);
  return next;
}
