// Which network interfaces a subnet-wide change would open to the internet:
// those whose security groups already admit the asked traffic from an
// internet client. Fixes name them, so that nobody opens a port blind.
import type { NetworkInterface, NetworkModel } from '../../model/types.js';
import { evaluateSecurityGroups } from '../security-groups.js';
import type { FixTraffic } from './words.js';

export function admittedFromInternet(model: NetworkModel, subnetIds: readonly string[], asked: FixTraffic, clientIp: number): NetworkInterface[] {
  const traffic = { protocol: asked.protocol, peerIp: clientIp, ports: asked.ports, icmp: asked.icmp };
  const out: NetworkInterface[] = [];
  for (const subnetId of subnetIds) {
    for (const eni of model.indexes.enisBySubnet.get(subnetId) ?? []) {
      if (eni.securityGroupIds.length === 0) continue;
      if (evaluateSecurityGroups(model, eni, false, traffic).result === 'allow') out.push(eni);
    }
  }
  return out;
}
