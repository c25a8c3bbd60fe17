// A load balancer node on the path: it takes the client's connection (its
// security groups, the listener, the rules, the target group), opens its own
// to the chosen target (from its node address, or from the client's address
// where a network load balancer preserves it), and relays the target's reply
// back to the client. AWS: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation
// and .../application/load-balancer-update-security-groups.html.
import type { LoadBalancerListener, NetworkInterface } from '../model/types.js';
import { formatIp } from '../model/ip.js';
import { EPHEMERAL_RANGE, formatPorts, replyTo, type Packet } from './packet.js';
import type { BalancerChoice, LegTrace, Position } from './trace.js';
import { checkSecurityGroups, passStatefully } from './security-groups.js';
import { checkSubnetAcl } from './network-acls.js';
import { crossZone, keepsClientAddress, listenerId, targetFamily, targetWords, ZONELESS_TARGET_TYPES, type LbBlock, type LbTarget } from './load-balancing.js';
import { cidrContains, parseCidr } from '../model/ipv4.js';
import { cidr6Contains, parseCidr6 } from '../model/ipv6.js';
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

/**
 * Does some rule leading to the target's group take this client (its
 * source-ip condition, on the address the load balancer sees)? A condition
 * lists IPv4 and IPv6 CIDRs; a client is matched by those of its family.
 */
function admitsClient(target: LbTarget, packet: Packet): boolean {
  if (target.onlyFrom === undefined) return true;
  const src = packet.srcIp;
  return target.onlyFrom.some((text) => {
    if (typeof src === 'bigint') {
      const cidr6 = parseCidr6(text.trim());
      return cidr6 !== undefined && cidr6Contains(cidr6, src);
    }
    const cidr = parseCidr(text.trim());
    return cidr !== undefined && cidrContains(cidr, src);
  });
}

function sourceIpMismatch(balancing: BalancerChoice['balancing'], listener: LoadBalancerListener, target: LbTarget, packet: Packet): LbBlock {
  const { balancer } = balancing;
  const client = formatIp(packet.srcIp);
  const cidrs = target.onlyFrom!.join(', ');
  return {
    kind: 'listener',
    id: listenerId(balancer, listener),
    code: 'ELBV2_RULE_SOURCE_IP_MISMATCH',
    detail: `The rules of ${listener.protocol ?? '?'}:${listener.port ?? '?'} that forward to ${target.group.name} (${target.via}) take only clients from ${cidrs} (source-ip); ${balancer.name} sees this client as ${client}.`,
    command: undefined,
    fixText: `Add ${client}/${typeof packet.srcIp === 'bigint' ? 128 : 32} to the source-ip condition of ${target.via} of ${balancer.name}, or forward to ${target.group.name} from a rule without one.`,
  };
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
  if (!admitsClient(target, packet)) return dropAt(t, sourceIpMismatch(balancing, listener, target, packet));
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
  const down = target.eni && !target.instance ? endpointDown(t.model, eniEndpoint(t.model, target.eni, target.eni.primaryPrivateIp ?? 0, target.eni.primaryPrivateIp ?? 0)) : undefined;
  if (down) {
    t.drop({ id: down.id, kind: 'eni', direction: 'ingress', detail: `Target ${target.id}: ${down.detail}` }, 'BAD_STATE', down.instanceId ? startInstanceFix(t.model, down.instanceId) : null);
    return undefined;
  }
  if (targetFamily(group) === 'ipv6') {
    // said rather than guessed: the targets of an ipv6 group are registered by IPv6 address, which this trace does not follow yet
    t.unknown({ id: group.arn, kind: 'target-group', direction: 'transit', detail: `${group.name} is an IPv6 target group: ${balancer.name} would connect to ${target.id} over IPv6, which the engine does not follow yet.` }, 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  if (!target.eni || target.ip === undefined || target.port === undefined || !node.subnet) {
    const type = group.targetType ?? 'instance';
    const why = !node.subnet
      ? `its node's subnet ${node.eni.subnetId} is not in the snapshot`
      : ZONELESS_TARGET_TYPES.has(type)
        ? `${target.id} is ${type === 'lambda' ? 'a Lambda function' : 'an application load balancer'} (target type ${type}), which the engine does not follow`
        : `no network interface in the snapshot holds target ${target.id}`;
    t.unknown({ id: group.arn, kind: 'target-group', direction: 'transit', detail: `${balancer.name} cannot be followed to ${target.id}: ${why}.` }, 'UNSUPPORTED_COMPONENT');
    return undefined;
  }
  const vpc = t.model.vpcs.get(node.subnet.vpcId);
  if (!vpc) {
    t.unknown({ id: balancer.id, kind: 'load-balancer', direction: 'transit', detail: `The VPC ${node.subnet.vpcId} of ${balancer.name} is not in the snapshot.` }, 'UNKNOWN_RESOURCE');
    return undefined;
  }
  const preserved = keepsClientAddress(balancer, group, packet.srcIp);
  const onward: Packet = {
    // a load balancer node always has a private IPv4 address
    srcIp: preserved ? packet.srcIp : node.eni.primaryPrivateIp!,
    dstIp: target.ip,
    protocol: packet.protocol,
    srcPorts: preserved ? packet.srcPorts : EPHEMERAL_RANGE,
    dstPorts: { from: target.port, to: target.port },
    icmp: undefined,
  };
  t.sessions.push({ kind: 'lb', balancerId: balancer.id, nodeEniId: node.eni.id, clientPacket: packet, preserved });
  if (!preserved) t.notes.add(warn.translatorPorts(`${balancer.name} (node ${formatIp(node.eni.primaryPrivateIp!)})`, EPHEMERAL_RANGE));
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
 * A target that is the client of its own network load balancer, which kept
 * the client's address: the request reaches it from its own address, which
 * its operating system takes for invalid, and no reply leaves. AWS: "the
 * connection fails only when the source and destination are the same" (the
 * NLB troubleshooting guide, #loopback-timeout); turning client IP
 * preservation off mends it for TCP and TLS groups (UDP ones cannot).
 */
function loopback(t: LegTrace, choice: BalancerChoice, reply: Packet): undefined {
  const group = choice.target!.group;
  const mendable = !['UDP', 'TCP_UDP'].includes((group.protocol ?? '').toUpperCase());
  const text = mendable
    ? `Turn off client IP preservation for ${group.name} (the target then sees the node's address), or register targets by IP address.`
    : `${group.name} (${group.protocol}) keeps the client's address whatever its attributes: reach this service from a machine that is not one of its targets.`;
  const fix = mendable ? { text, command: `aws elbv2 modify-target-group-attributes --target-group-arn '${group.arn}' --attributes 'Key=preserve_client_ip.enabled,Value=false' --region '${group.region}'` } : null;
  t.drop(
    { id: group.arn, kind: 'target-group', direction: 'transit', detail: `${choice.target!.id} is the client of ${choice.balancing.balancer.name}, which preserves its address ${formatIp(reply.srcIp)}: the request comes back to it from itself, and it sends no reply.` },
    'ELBV2_LOOPBACK_WITH_CLIENT_IP',
    fix,
  );
  return undefined;
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
  if (reply.srcIp === reply.dstIp) return loopback(t, choice, reply);
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
