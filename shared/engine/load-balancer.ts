// A load balancer node on the path: it takes the client's connection (its
// security groups, the listener, the rules, the target group), opens its own
// to the chosen target (from its node address, or from the client's address
// where a network load balancer preserves it), and relays the target's reply
// back to the client. AWS: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation
// and .../application/load-balancer-update-security-groups.html.
import type { NetworkInterface } from '../model/types.js';
import { formatIp } from '../model/ip.js';
import { EPHEMERAL_RANGE, formatPorts, replyTo, type Packet } from './packet.js';
import type { BalancerChoice, LegTrace, Position } from './trace.js';
import { checkSecurityGroups, passStatefully } from './security-groups.js';
import { checkSubnetAcl } from './network-acls.js';
import { crossZone, listenerId, preservesClientIp, targetWords, type LbBlock } from './load-balancing.js';
import { startInstanceFix } from './fixes.js';
import { endpointDown, eniEndpoint } from './endpoints.js';
import { warn } from './warnings.js';
import type { Fix } from './analysis-types.js';

/** An ALB always filters with its security groups; an NLB only when it has some. */
function filters(choice: BalancerChoice, eni: NetworkInterface): boolean {
  return choice.balancing.balancer.type === 'application' || eni.securityGroupIds.length > 0;
}

function blockFix(block: LbBlock): Fix | null {
  if (!block.fixText) return null;
  return { text: block.fixText, command: block.command ?? `# ${block.fixText}` };
}

function dropAt(t: LegTrace, block: LbBlock): undefined {
  const hop = { id: block.id, kind: block.kind, direction: 'transit' as const, detail: block.detail };
  if (block.code === 'UNKNOWN_RESOURCE' || block.code === 'UNSUPPORTED_COMPONENT') t.unknown(hop, block.code);
  else t.drop(hop, block.code, blockFix(block));
  return undefined;
}

/** A connection arriving at a node of the load balancer `balancerId`. */
export function receiveAtLoadBalancer(t: LegTrace, eni: NetworkInterface, packet: Packet, balancerId: string): Position | undefined {
  const choice = t.balancer;
  if (t.leg === 'return') return relayReply(t, eni, packet);
  if (!choice || choice.node.eni.id !== eni.id) {
    t.unknown({ id: balancerId, kind: 'load-balancer', direction: 'ingress', detail: `${formatIp(packet.dstIp)} belongs to load balancer ${balancerId}: name the load balancer as the destination to trace through it.` }, 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  const { balancing, node, target } = choice;
  const { balancer, listener } = balancing;
  if (balancer.state !== 'active') {
    t.drop({ id: balancer.id, kind: 'load-balancer', direction: 'ingress', detail: `${balancer.name} is ${balancer.state}, not active.` }, 'BAD_STATE', null);
    return undefined;
  }
  if (filters(choice, eni)) {
    if (!checkSecurityGroups(t, eni, false, packet)) return undefined;
  } else {
    t.pass({ id: balancer.id, kind: 'load-balancer', direction: 'ingress', detail: `${balancer.name} is a network load balancer without security groups: nothing filters the client here.`, rule: { groups: [] } }, 'allow');
  }
  if (!listener) return dropAt(t, balancing.block!);
  t.pass({ id: listenerId(balancer, listener), kind: 'listener', direction: 'ingress', detail: `${balancer.name} listens on ${listener.protocol ?? '?'}:${listener.port ?? '?'} (node ${node.eni.id} in ${node.zone}).`, rule: { protocol: listener.protocol ?? null, port: listener.port ?? null } }, 'forward');
  if (balancing.block) return dropAt(t, balancing.block);
  if (!target) return dropAt(t, choice.block!);
  const group = target.group;
  const healthy = balancing.targets.filter((other) => other.group === group && other.healthy).length;
  const count = balancing.targets.filter((other) => other.group === group).length;
  t.pass(
    {
      id: group.arn,
      kind: 'target-group',
      direction: 'transit',
      detail: `${target.via} forwards to ${group.name}: ${healthy} of ${count} target${count === 1 ? '' : 's'} healthy${healthy === 0 ? ' (fail open: all are used)' : ''}; cross-zone load balancing ${crossZone(balancer, group) ? 'on' : 'off'}; target ${targetWords(target)} in ${target.zone ?? 'an unknown zone'} is ${target.health.state ?? 'of unknown health'}.`,
      rule: { via: target.via, targetId: target.id, port: target.port ?? null, health: target.health.state ?? null, reason: target.health.reason ?? null },
    },
    'forward',
  );
  if (choice.block) return dropAt(t, choice.block);
  if (target.instance && target.instance.state !== 'running') {
    t.drop({ id: target.eni?.id ?? target.id, kind: 'eni', direction: 'ingress', detail: `Target ${target.id} is ${target.instance.state}: only running instances receive.` }, 'BAD_STATE', startInstanceFix(t.model, target.instance.id));
    return undefined;
  }
  // an ip target is an interface: it receives nothing while its instance is stopped or it is not in use
  const down = target.eni && !target.instance ? endpointDown(t.model, eniEndpoint(t.model, target.eni, target.eni.primaryPrivateIp, target.eni.primaryPrivateIp)) : undefined;
  if (down) {
    t.drop({ id: down.id, kind: 'eni', direction: 'ingress', detail: `Target ${target.id}: ${down.detail}` }, 'BAD_STATE', down.instanceId ? startInstanceFix(t.model, down.instanceId) : null);
    return undefined;
  }
  if (!target.eni || target.ip === undefined || target.port === undefined || !node.subnet) {
    const why = !node.subnet ? `its node's subnet ${node.eni.subnetId} is not in the snapshot` : `no network interface in the snapshot holds target ${target.id}`;
    t.unknown({ id: group.arn, kind: 'target-group', direction: 'transit', detail: `${balancer.name} cannot be followed to ${target.id}: ${why}.` }, 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  const vpc = t.model.vpcs.get(node.subnet.vpcId);
  if (!vpc) {
    t.unknown({ id: balancer.id, kind: 'load-balancer', direction: 'transit', detail: `The VPC ${node.subnet.vpcId} of ${balancer.name} is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  const preserved = preservesClientIp(balancer, group);
  const onward: Packet = {
    srcIp: preserved ? packet.srcIp : node.eni.primaryPrivateIp,
    dstIp: target.ip,
    protocol: packet.protocol,
    srcPorts: preserved ? packet.srcPorts : EPHEMERAL_RANGE,
    dstPorts: { from: target.port, to: target.port },
    icmp: undefined,
  };
  t.sessions.push({ kind: 'lb', balancerId: balancer.id, nodeEniId: node.eni.id, clientPacket: packet, preserved });
  if (!preserved) t.notes.add(warn.translatorPorts(`${balancer.name} (node ${formatIp(node.eni.primaryPrivateIp)})`, EPHEMERAL_RANGE));
  const source = preserved ? `the client's own address ${formatIp(onward.srcIp)} (client IP preservation)` : `its node address ${formatIp(onward.srcIp)}, from ${formatPorts(EPHEMERAL_RANGE)}`;
  t.pass({ id: balancer.id, kind: 'load-balancer', direction: 'transit', detail: `${balancer.name} opens a connection to ${targetWords(target)} from ${source}.`, rule: { node: node.eni.id, sourceIp: formatIp(onward.srcIp), preserveClientIp: preserved } }, 'translate');
  if (filters(choice, eni) && !checkSecurityGroups(t, eni, true, onward)) return undefined;
  return { at: 'route', place: { vpc, subnet: node.subnet, az: node.zone }, packet: onward };
}

/** The target's reply reaches the node: it answers the client from the address the client connected to. */
function relayReply(t: LegTrace, eni: NetworkInterface, packet: Packet): Position | undefined {
  const session = t.sessions.find((s) => s.kind === 'lb' && s.nodeEniId === eni.id);
  const subnet = t.model.subnets.get(eni.subnetId);
  const vpc = t.model.vpcs.get(eni.vpcId);
  if (session?.kind !== 'lb' || !subnet || !vpc) {
    const owner = t.model.indexes.ownerOfNetworkInterface.get(eni.id) ?? eni.id;
    t.drop({ id: owner, kind: 'load-balancer', direction: 'ingress', detail: `${formatIp(packet.dstIp)} is a node of ${owner}, which opened no connection this reply belongs to.` }, 'NO_ROUTE_TO_DESTINATION', null);
    return undefined;
  }
  const balancer = t.model.loadBalancers.get(session.balancerId)!;
  if (eni.securityGroupIds.length > 0) passStatefully(t, eni, false);
  const reply = replyTo(session.clientPacket);
  t.pass({ id: balancer.id, kind: 'load-balancer', direction: 'transit', detail: `${balancer.name} relays the reply to ${formatIp(reply.dstIp)} from ${formatIp(reply.srcIp)}.` }, 'translate');
  if (eni.securityGroupIds.length > 0) passStatefully(t, eni, true);
  return { at: 'route', place: { vpc, subnet, az: subnet.availabilityZone }, packet: reply };
}

/**
 * The first hops of the return leg at the target when the NLB preserved the
 * client's address: the reply is addressed to the client, yet AWS hands it
 * back to the node that holds the connection. The target's subnet ACL must
 * let it out to the client, the node's subnet ACL let it in from the target.
 */
export function startPreservedReturn(t: LegTrace, choice: BalancerChoice, arrived: Packet): Position | undefined {
  const target = choice.target!;
  const eni = target.eni!;
  const reply = replyTo(arrived);
  t.pass({ id: eni.id, kind: 'eni', direction: 'egress', detail: `${eni.id} replies from ${formatIp(reply.srcIp)} to the client ${formatIp(reply.dstIp)}.` }, 'forward');
  passStatefully(t, eni, true);
  const targetSubnet = t.model.subnets.get(eni.subnetId);
  const nodeSubnet = choice.node.subnet!;
  if (!targetSubnet) {
    t.unknown({ id: eni.id, kind: 'eni', direction: 'egress', detail: `The subnet of ${eni.id} is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  if (targetSubnet.id !== nodeSubnet.id) {
    if (!checkSubnetAcl(t, targetSubnet, false, reply)) return undefined;
    if (!checkSubnetAcl(t, nodeSubnet, true, reply)) return undefined;
  }
  const balancer = choice.balancing.balancer;
  t.pass({ id: balancer.id, kind: 'load-balancer', direction: 'transit', detail: `${balancer.name} tracks the connection: the reply to ${formatIp(reply.dstIp)} returns through node ${choice.node.eni.id}, not by the target's routes.` }, 'forward');
  return relayReply(t, choice.node.eni, reply);
}
