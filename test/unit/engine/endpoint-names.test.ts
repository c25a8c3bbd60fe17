// Endpoints by Name (issue 15.1), in the order of DESIGN.md section 5:
// `internet`, a literal address, an id or ARN, a load balancer's DNS name,
// then a Name tag (an instance before its ENIs, then load balancers, then
// VPCs). Expected values written by hand from the fixtures below.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/api/errors.js';
import { analyzeFlow, resolveEndpoint } from '../../../shared/engine/index.js';
import { Network, twoSubnetVpc } from '../../fixtures/engine/network.js';
import { analyze } from './analyze-helper.js';

const LB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/shop-alb/0123abcd';

function named(): Network {
  return (
    twoSubnetVpc()
      .instance('i-api', { subnet: 'subnet-priv', ip: '10.0.2.30', groups: ['sg-app'], name: 'prod-api-1' })
      // two instances with one Name
      .instance('i-twin-a', { subnet: 'subnet-priv', ip: '10.0.2.41', groups: ['sg-app'], name: 'worker' })
      .instance('i-twin-b', { subnet: 'subnet-priv', ip: '10.0.2.42', groups: ['sg-app'], name: 'worker' })
      // an instance whose ENI carries its Name too: the instance wins, no ambiguity
      .instance('i-db', { subnet: 'subnet-priv', ip: '10.0.2.50', groups: ['sg-app'], name: 'prod-db' })
      // a detached ENI with its own Name
      .eni('eni-spare', { subnet: 'subnet-priv', ip: '10.0.2.60', groups: ['sg-app'], name: 'spare-nic' })
      // a Name that looks like another instance's id: the id comes first
      .instance('i-decoy', { subnet: 'subnet-priv', ip: '10.0.2.70', groups: ['sg-app'], name: 'i-web' })
      // a Name that is an address: the address comes first
      .instance('i-addr', { subnet: 'subnet-priv', ip: '10.0.2.71', groups: ['sg-app'], name: '10.0.2.30' })
      .add('Vpcs', { VpcId: 'vpc-named', CidrBlock: '10.9.0.0/16', State: 'available', OwnerId: '111111111111', Tags: [{ Key: 'Name', Value: 'acme-prod' }] })
      // a load balancer with one ENI
      .eni('eni-alb', { subnet: 'subnet-pub', ip: '10.0.1.80', groups: ['sg-web'], type: 'interface', description: 'ELB app/shop-alb/0123abcd' })
      .add('LoadBalancers', { LoadBalancerArn: LB_ARN, LoadBalancerName: 'shop-alb', DNSName: 'shop-alb-123.us-east-1.elb.amazonaws.com', Type: 'application', Scheme: 'internal', VpcId: 'vpc-a', State: { Code: 'active' }, AvailabilityZones: [{ SubnetId: 'subnet-pub', ZoneName: 'us-east-1a' }], SecurityGroups: ['sg-web'] })
  );
}

function withEniName(network: Network): Network {
  // the same Name on i-db's own ENI (AWS does not copy it; people do)
  const raw = network as unknown as { data: Record<string, Record<string, unknown>[]> };
  const eni = raw.data['NetworkInterfaces']!.find((e) => e['NetworkInterfaceId'] === 'eni-db')!;
  eni['TagSet'] = [{ Key: 'Name', Value: 'prod-db' }];
  return network;
}

const model = withEniName(named()).build();

describe('endpoints by Name (issue 15.1)', () => {
  it('an instance by its Name: its primary ENI, the Name beside the id in `resolved`', () => {
    expect(analyze(model, { from: 'prod-api-1', to: 'i-app', port: 22 }).resolved).toEqual({
      from: { kind: 'eni', id: 'eni-api', name: 'prod-api-1', ip: '10.0.2.30' },
      to: { kind: 'eni', id: 'eni-app', ip: '10.0.2.20' },
    });
    // the same flow named by id gives the same answer
    const byId = analyze(model, { from: 'i-api', to: 'i-app', port: 22 });
    const byName = analyze(model, { from: 'prod-api-1', to: 'i-app', port: 22 });
    expect(byName.verdict).toBe(byId.verdict);
    expect(byName.forward.hops).toEqual(byId.forward.hops);
  });

  it('an instance before its own ENI: a Name both carry is the instance, not an ambiguity', () => {
    const endpoint = resolveEndpoint(model, 'prod-db', 'destination');
    expect(endpoint.kind === 'eni' && endpoint.eni.id).toBe('eni-db');
    expect(endpoint.kind === 'eni' && endpoint.instance?.id).toBe('i-db');
  });

  it('an ENI by its own Name', () => {
    const endpoint = resolveEndpoint(model, 'spare-nic', 'destination');
    expect(endpoint.kind === 'eni' && endpoint.eni.id).toBe('eni-spare');
  });

  it('an id before a Name, an address before a Name', () => {
    // i-decoy is named "i-web"; i-web is an instance id: the id wins
    expect(analyze(model, { from: 'i-web', to: 'i-app', port: 22 }).resolved.from).toEqual({ kind: 'eni', id: 'eni-web', ip: '10.0.1.10' });
    // i-addr is named "10.0.2.30", the address of i-api: the address wins
    expect(analyze(model, { from: '10.0.2.30', to: 'i-app', port: 22 }).resolved.from).toMatchObject({ id: 'eni-api' });
  });

  it('a load balancer by its name, its ARN and its DNS name: the load balancer (issue 16), its node by address or ENI', () => {
    for (const text of ['shop-alb', LB_ARN, 'shop-alb-123.us-east-1.elb.amazonaws.com', 'SHOP-ALB-123.us-east-1.elb.amazonaws.com.']) {
      const endpoint = resolveEndpoint(model, text, 'destination');
      expect(endpoint.kind === 'load-balancer' && endpoint.balancer.id, text).toBe('shop-alb');
      expect(endpoint.kind === 'load-balancer' && endpoint.node, text).toBeUndefined();
    }
    for (const text of ['10.0.1.80', 'eni-alb']) {
      const endpoint = resolveEndpoint(model, text, 'destination');
      expect(endpoint.kind === 'load-balancer' && endpoint.node?.id, text).toBe('eni-alb');
    }
    // a load balancer only answers: as a source its name is refused, its node's ENI sends (health checks)
    expect(() => resolveEndpoint(model, 'shop-alb', 'source')).toThrow(/only answers connections/);
    expect(resolveEndpoint(model, 'eni-alb', 'source').kind).toBe('eni');
  });

  it('a Name two instances carry is bad input listing both, with their ids', () => {
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'worker', port: 22 })).toThrow(InputError);
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'worker', port: 22 })).toThrow('endpoint "worker" is the Name of 2 components: worker (instance i-twin-a), worker (instance i-twin-b); name one by its id');
  });

  it('a typo gets "did you mean"', () => {
    expect(() => analyzeFlow(model, { from: 'prod-api1', to: 'i-app', port: 22 })).toThrow(/is not an instance .*: did you mean prod-api-1\?$/);
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'Prod-API-1', port: 22 })).toThrow(/did you mean prod-api-1\?$/);
    // far from every Name: no suggestion
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'database', port: 22 })).toThrow(/or the Name of one in the snapshot$/);
    // an unknown id keeps its message
    expect(() => analyzeFlow(model, { from: 'i-nothere', to: 'i-app', port: 22 })).toThrow(/^endpoint "i-nothere": no such instance in the snapshot$/);
  });

  it('a VPC by its Name is not a machine: said so', () => {
    expect(() => analyzeFlow(model, { from: 'i-web', to: 'acme-prod', port: 22 })).toThrow('endpoint "acme-prod" is the Name of VPC vpc-named: name a machine in it (an instance, a network interface, or an address)');
  });

  it('a Name from the data is shown through the sanitiser in messages', () => {
    const hostile = new Network()
      .vpc('vpc-a', '10.0.0.0/16')
      .subnet('subnet-a', 'vpc-a', '10.0.1.0/24')
      .group('sg-a', 'vpc-a', {})
      .instance('i-x1', { subnet: 'subnet-a', ip: '10.0.1.10', groups: ['sg-a'], name: 'evil\u001b]0;pwn\u0007' })
      .instance('i-x2', { subnet: 'subnet-a', ip: '10.0.1.11', groups: ['sg-a'], name: 'evil\u001b]0;pwn\u0007' })
      .build();
    let message = '';
    try {
      resolveEndpoint(hostile, 'evil\u001b]0;pwn\u0007', 'destination');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('evil\\x1b]0;pwn\\x07 (instance i-x1)');
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });
});
