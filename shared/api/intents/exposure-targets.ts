// What an exposure allow rule's `to` names, as a set of ENIs: an instance
// (all of its ENIs), an ENI, the owner of ENIs (NAT gateway, VPC endpoint,
// load balancer), an address held by an ENI, or a tag selector (all ENIs of
// every matching instance).
import { isIpv4, parseIpv4 } from '../../model/ipv4.js';
import type { NetworkModel } from '../../model/types.js';
import { InputError } from '../errors.js';
import { matchingInstances } from './flow-endpoints.js';
import { isTagSelector } from './tag-selector.js';

/** `where` prefixes error messages, e.g. "intents.yaml: exposure.allow[2].to" */
export function resolveExposureTarget(model: NetworkModel, text: string, where: string): ReadonlySet<string> {
  const enis = new Set<string>();
  if (isTagSelector(text)) {
    for (const instance of matchingInstances(model, text, where)) for (const eni of instance.networkInterfaceIds) enis.add(eni);
    return enis;
  }
  const instance = model.instances.get(text);
  if (instance) {
    if (instance.networkInterfaceIds.length === 0) throw new InputError(`${where}: instance "${text}" has no network interface`);
    instance.networkInterfaceIds.forEach((eni) => enis.add(eni));
  } else if (isIpv4(text)) {
    const ip = parseIpv4(text)!;
    for (const eni of model.indexes.enisByPrivateIp.get(ip) ?? []) enis.add(eni.id);
    const holder = model.indexes.eniByPublicIp.get(ip);
    if (holder) enis.add(holder.id);
  } else if (model.networkInterfaces.has(text)) {
    enis.add(text);
  } else {
    for (const [eni, owner] of model.indexes.ownerOfNetworkInterface) if (owner === text) enis.add(eni);
  }
  if (enis.size === 0) throw new InputError(`${where}: "${text}" is not an instance, ENI, gateway or address in the snapshot`);
  return enis;
}
