// exposureOf: every ENI the internet reaches, with the protocols, ports and
// internet sources admitted (exhaustively), and only those ENIs. Expected
// sets are read from the rules by hand; the property test checks each listed
// service against analyzeFlow, and that unlisted ENIs are not reachable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openSnapshot } from '../../../shared/api/snapshot/node.js';
import { buildModel } from '../../../shared/aws/build-model.js';
import type { RawSnapshot } from '../../../shared/aws/raw.js';
import type { ExposedService, ExposureReport } from '../../../shared/api/exposure-types.js';
import { analyzeFlow } from '../../../shared/engine/analyze.js';
import { exposureOf } from '../../../shared/engine/exposure.js';
import { cidrContains, formatIpv4, isPrivateIpv4, parseCidr, parseIpv4 } from '../../../shared/model/ipv4.js';
import type { NetworkModel } from '../../../shared/model/types.js';
import { twoSubnetVpc, type AclRule } from '../../fixtures/engine/network.js';
import { randomNetwork, Rng } from '../../oracle/random-network.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const schemaOf = (name: string) => JSON.parse(readFileSync(path.join(repoRoot, 'docs/schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schemaOf('analyze.schema.json'));
const validate = ajv.compile(schemaOf('exposure.schema.json'));

const allAllow: AclRule = { n: 100, action: 'allow', protocol: '-1', cidr: '0.0.0.0/0' };

function summary(report: ExposureReport): Record<string, { protocol: string; ports: string | null; sources: string[] }[]> {
  const out: Record<string, { protocol: string; ports: string | null; sources: string[] }[]> = {};
  // one entry per ENI and family: an IPv6 entry is keyed "eni-... ipv6"
  for (const eni of report.exposed) out[eni.family ? `${eni.eni} ${eni.family}` : eni.eni] = eni.services.map((s) => ({ protocol: s.protocol, ports: s.ports && s.ports.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(','), sources: s.sources }));
  return out;
}

function admitsSource(service: ExposedService, model: NetworkModel, ip: number): boolean {
  return service.sources.some((source) => {
    if (source === '0.0.0.0/0') return !isPrivateIpv4(ip);
    const cidr = parseCidr(source);
    if (cidr) return cidrContains(cidr, ip);
    return model.prefixLists.get(source)!.cidrs.some((c) => cidrContains(c, ip));
  });
}

describe('exposure on small networks', () => {
  it('SG tcp 80-90 from 0.0.0.0/0 and an ACL denying tcp 85 inbound: tcp 80-84, 86-90 from 0.0.0.0/0; app (no public IP) is not listed', () => {
    const model = twoSubnetVpc({
      webGroup: [{ protocol: 'tcp', ports: [80, 90], cidr: '0.0.0.0/0' }],
      publicAcl: { inbound: [{ n: 50, action: 'deny', protocol: '6', ports: [85, 85] }, allAllow] },
    }).build();
    const report = exposureOf(model);
    expect(summary(report)).toEqual({ 'eni-web': [{ protocol: 'tcp', ports: '80-84,86-90', sources: ['0.0.0.0/0'] }] });
    const web = report.exposed[0]!;
    expect(web).toMatchObject({ instance: 'i-web', vpc: 'vpc-a', subnet: 'subnet-pub', privateIp: '10.0.1.10', publicIp: '54.0.0.10' });
    // the path is the trace of a representative flow: gateway, ACL, group, delivery
    expect(web.services[0]!.path.map((h) => `${h.kind}:${h.id}`)).toEqual(['internet:internet', 'internet-gateway:igw-a', 'network-acl:acl-pub', 'security-group:sg-web', 'eni:eni-web']);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('sources are exhaustive: an ACL deny of 203.0.113.0/24 and a blackhole route back to 198.51.100.0/24 take those blocks out', () => {
    const model = twoSubnetVpc({
      webGroup: [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }],
      publicAcl: { inbound: [{ n: 50, action: 'deny', protocol: '-1', cidr: '203.0.113.0/24' }, allAllow] },
      publicRoutes: [['10.0.0.0/16', 'local'], ['0.0.0.0/0', 'igw-a'], ['198.51.100.0/24', 'igw-a', 'blackhole']],
    }).build();
    const [service] = exposureOf(model).exposed[0]!.services;
    expect(service!.protocol).toBe('tcp');
    expect(service!.ports).toEqual([{ from: 443, to: 443 }]);
    const admitted = (text: string) => admitsSource(service!, model, parseIpv4(text)!);
    // taken out: the denied block, the block whose replies hit the blackhole, and private space
    for (const ip of ['203.0.113.0', '203.0.113.255', '198.51.100.0', '198.51.100.200', '10.1.2.3', '100.64.0.1', '172.31.255.255', '192.168.1.1']) expect(admitted(ip), ip).toBe(false);
    // kept: their neighbours and the rest of the internet
    for (const ip of ['203.0.112.255', '203.0.114.0', '198.51.99.255', '198.51.101.0', '8.8.8.8', '100.128.0.0', '172.32.0.0', '11.0.0.1']) expect(admitted(ip), ip).toBe(true);
  });

  it('a prefix list that says the same in fewer words names the sources', () => {
    const model = twoSubnetVpc({ webGroup: [{ protocol: 'tcp', ports: [22, 22], prefixList: 'pl-office' }] })
      .prefixList('pl-office', '192.0.2.0/26', '198.51.100.128/25', '10.9.0.0/16')
      .build();
    expect(summary(exposureOf(model))).toEqual({ 'eni-web': [{ protocol: 'tcp', ports: '22', sources: ['pl-office'] }] });
  });

  it('protocols without ports: icmp (echo) and all', () => {
    const model = twoSubnetVpc({ webGroup: [{ protocol: '-1', cidr: '0.0.0.0/0' }] }).build();
    // everything is open both ways: every protocol, every port, from the whole internet
    expect(summary(exposureOf(model))).toEqual({
      'eni-web': [
        { protocol: 'tcp', ports: '0-65535', sources: ['0.0.0.0/0'] },
        { protocol: 'udp', ports: '0-65535', sources: ['0.0.0.0/0'] },
        { protocol: 'icmp', ports: null, sources: ['0.0.0.0/0'] },
        { protocol: 'all', ports: null, sources: ['0.0.0.0/0'] },
      ],
    });
  });

  it('a protocol named only by an outbound ACL entry is judged apart: only replies of protocol 47 get out, so only 47 is exposed', () => {
    // sg-web admits everything from anywhere; acl-pub lets in everything but out only protocol 47 (rule 50; then the * deny)
    const model = twoSubnetVpc({ webGroup: [{ protocol: '-1', cidr: '0.0.0.0/0' }], publicAcl: { outbound: [{ n: 50, action: 'allow', protocol: '47' }] } }).build();
    expect(summary(exposureOf(model))).toEqual({ 'eni-web': [{ protocol: '47', ports: null, sources: ['0.0.0.0/0'] }] });
    expect(analyzeFlow(model, { from: 'internet', to: 'i-web', protocol: '47' }).verdict).toBe('reachable');
    expect(analyzeFlow(model, { from: 'internet', to: 'i-web', protocol: '50' }).verdict).toBe('unreachable');
  });

  it('what cannot be judged is not listed but said: a rule naming a prefix list missing from the snapshot', () => {
    // sg-web: tcp 22 from pl-gone (not in the snapshot), tcp 443 from anywhere
    const model = twoSubnetVpc({ webGroup: [{ protocol: 'tcp', ports: [22, 22], prefixList: 'pl-gone' }, { protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }] }).build();
    const report = exposureOf(model);
    expect(summary(report)).toEqual({ 'eni-web': [{ protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0'] }] });
    expect(report.warnings.some((w) => w.includes('eni-web') && w.includes('pl-gone'))).toBe(true);
    expect(analyzeFlow(model, { from: 'internet', to: 'i-web', port: 22 }).verdict).toBe('unknown');
  });

  it('a stopped instance, or an ENI with no internet gateway route back, is not listed', () => {
    const stopped = twoSubnetVpc({ webGroup: [{ protocol: '-1', cidr: '0.0.0.0/0' }] })
      .instance('i-off', { subnet: 'subnet-pub', ip: '10.0.1.11', groups: ['sg-web'], publicIp: '54.0.0.11', state: 'stopped' })
      .build();
    expect(Object.keys(summary(exposureOf(stopped)))).toEqual(['eni-web']);
    const noRoute = twoSubnetVpc({ webGroup: [{ protocol: '-1', cidr: '0.0.0.0/0' }], publicRoutes: [['10.0.0.0/16', 'local']] }).build();
    expect(exposureOf(noRoute).exposed).toEqual([]);
  });
});

describe('exposure of the demo network (assets/demo/README.md)', () => {
  it('lists the two public web servers (tcp 80, 443 from anywhere), the bastion from the office prefix list, and prod-status per family only', async () => {
    const { model } = await openSnapshot();
    const report = exposureOf(model);
    // prod-web-1/2: acme-prod-web admits tcp 443 and 80 from 0.0.0.0/0 (22 only from the bastion group), acme-prod-public-acl rules 100/110 let them in
    // prod-bastion: tcp 22 from pl-0de00000000000101 only (acme-office-cidrs)
    // prod-status (F11): acme-prod-status admits tcp 443 from 0.0.0.0/0 and ::/0, tcp 22 from ::/0; prod-edge-a routes both families to the IGW
    // not listed: prod-web-3 (no public IP, F5), analytics-dashboard (replies refused, F2), the NAT gateways (accept no connections),
    // network-dns over IPv6 (its ::/0 route goes to an egress-only gateway)
    expect(summary(report)).toEqual({
      'eni-0de00000000000101': [{ protocol: 'tcp', ports: '22', sources: ['pl-0de00000000000101'] }],
      'eni-0de00000000000102': [{ protocol: 'tcp', ports: '80,443', sources: ['0.0.0.0/0'] }],
      'eni-0de00000000000103': [{ protocol: 'tcp', ports: '80,443', sources: ['0.0.0.0/0'] }],
      'eni-0de0000000000010d': [{ protocol: 'tcp', ports: '443', sources: ['0.0.0.0/0'] }],
      'eni-0de0000000000010d ipv6': [{ protocol: 'tcp', ports: '22,443', sources: ['::/0'] }],
    });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('exposure names only the ENIs the internet reaches (property test on random networks)', () => {
  it('each listed service is reachable per analyzeFlow from its sources on its ports; unlisted public ENIs are not, and unlisted ports neither', () => {
    let listed = 0;
    let unlisted = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const network = randomNetwork(seed);
      const model: NetworkModel = buildModel(network.snapshot as RawSnapshot).model;
      const rng = new Rng(seed * 104729);
      const report = exposureOf(model);
      expect(validate(report), `seed ${seed}: ${JSON.stringify(validate.errors)}`).toBe(true);
      const byEni = new Map(report.exposed.map((e) => [e.eni, e]));
      for (const exposed of report.exposed) {
        for (const service of exposed.services) {
          listed++;
          const from = service.example!.from;
          const ports = service.ports ? service.ports.flatMap((r) => [r.from, r.to, rng.int(r.from, r.to)]) : [undefined];
          for (const port of ports) {
            const verdict = analyzeFlow(model, { from, to: exposed.publicIp, protocol: service.protocol, port }).verdict;
            expect(verdict, `seed ${seed}: ${from} -> ${exposed.eni} ${service.protocol} ${port}`).toBe('reachable');
          }
          if (service.ports) {
            // just outside the listed ranges, from the same source: no other service of that protocol may cover it
            for (const r of service.ports) {
              for (const port of [r.from - 1, r.to + 1].filter((p) => p >= 0 && p <= 65535)) {
                const covered = exposed.services.some((s) => s.protocol === service.protocol && admitsSource(s, model, parseIpv4(from)!) && s.ports!.some((x) => x.from <= port && port <= x.to));
                if (covered) continue;
                expect(analyzeFlow(model, { from, to: exposed.publicIp, protocol: service.protocol, port }).verdict, `seed ${seed}: ${exposed.eni} ${service.protocol} ${port}`).not.toBe('reachable');
              }
            }
          }
        }
      }
      for (const eni of model.networkInterfaces.values()) {
        if (eni.publicIp === undefined || byEni.has(eni.id)) continue;
        unlisted++;
        for (const from of ['internet', '8.8.8.8', formatIpv4(rng.int(0x0b000000, 0x0bffffff))]) {
          for (const [protocol, port] of [['tcp', 22], ['tcp', 80], ['tcp', 443], ['tcp', rng.int(1, 65535)], ['udp', 53], ['icmp', undefined], ['all', undefined]] as const) {
            const verdict = analyzeFlow(model, { from, to: formatIpv4(eni.publicIp), protocol, port }).verdict;
            expect(verdict, `seed ${seed}: unlisted ${eni.id} reached by ${from} ${protocol} ${port ?? ''}`).not.toBe('reachable');
          }
        }
      }
    }
    expect(listed).toBeGreaterThan(20);
    expect(unlisted).toBeGreaterThan(10);
  });
});
