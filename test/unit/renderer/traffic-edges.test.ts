// Observed traffic as the map's edges, on the demo's real graph and the
// service's real flow-log answer (assets/demo/README.md). Records written by
// hand: F2's dashboard (eni-0de00000000000301, 10.20.0.11) accepts HTTPS
// from an internet client and its ACL rejects the reply; prod-web-1 -> prod-api-1 8080 seen at both interfaces; a record
// from an address the snapshot does not hold (10.9.9.9).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowLogsReport } from '../../../shared/api/flowlogs/report-types.js';
import { createNodeReachmapService } from '../../../shared/api/service/node.js';
import { edgeWidth, trafficEdges, type TrafficEdge } from '../../../renderer/src/flowlogs/traffic-edges.js';
import { edgeOfLine, trafficOverlay } from '../../../renderer/src/flowlogs/traffic-overlay.js';
import { edgeRecords } from '../../../renderer/src/flowlogs/edge-records.js';
import { indexGraph, type GraphIndex } from '../../../renderer/src/map/visible-graph.js';
import { dual } from '../../fixtures/engine/dual-stack.js';

const T = 1795946400;
const rec = (eni: string, src: string, dst: string, sport: number, dport: number, packets: number, bytes: number, action: string) =>
  `2 111122223333 eni-0de${eni} ${src} ${dst} ${sport} ${dport} 6 ${packets} ${bytes} ${T} ${T + 60} ${action} OK`;
const LINES = [
  rec('00000000000301', '198.51.100.7', '10.20.0.11', 51000, 443, 10, 1500, 'ACCEPT'),
  rec('00000000000301', '10.20.0.11', '198.51.100.7', 443, 51000, 8, 900, 'REJECT'),
  rec('00000000000102', '10.0.0.21', '10.0.10.11', 41000, 8080, 40, 30000, 'ACCEPT'),
  rec('00000000000105', '10.0.0.21', '10.0.10.11', 41000, 8080, 40, 30000, 'ACCEPT'),
  rec('00000000000105', '10.9.9.9', '10.0.10.11', 41001, 8080, 1, 60, 'ACCEPT'),
];

const dir = mkdtempSync(path.join(tmpdir(), 'reachmap-traffic-edges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let index: GraphIndex;
let report: FlowLogsReport;
beforeAll(async () => {
  const service = await createNodeReachmapService();
  await service.openSnapshot();
  index = indexGraph(await service.graph());
  const log = path.join(dir, 'flows.log');
  writeFileSync(log, `${LINES.join('\n')}\n`);
  report = await service.flowLogs({ paths: [log] });
});

describe('traffic edges', () => {
  it('joins a conversation seen at both ends into one edge weighing what one interface saw', () => {
    const { edges } = trafficEdges(report, index, 'bytes');
    const web = edges.find((e) => e.source === 'eni-0de00000000000102' && e.target === 'eni-0de00000000000105');
    expect(web).toMatchObject({ protocol: 6, port: 8080, bytes: 30000, packets: 40, dropAt: null });
    expect(web!.conversations).toHaveLength(2);
  });

  it('an internet client is the internet node; F2\'s rejected reply is red at the subnet of acme-analytics-public-acl', () => {
    const { edges } = trafficEdges(report, index, 'bytes');
    const dashboard = edges.find((e) => e.target === 'eni-0de00000000000301');
    expect(dashboard).toMatchObject({ source: 'internet', port: 443, bytes: 2400, packets: 18 });
    expect(dashboard!.rejected).toEqual({ records: 1, packets: 8, bytes: 900 });
    expect(dashboard!.blocked).toMatchObject({ id: 'acl-0de00000000000302', kind: 'network-acl' });
    // the dashboard's subnet, analytics-public-a, uses that ACL
    expect(index.byId.get(dashboard!.dropAt!)?.data?.networkAclId).toBe('acl-0de00000000000302');
    expect(index.byId.get('eni-0de00000000000301')?.parent).toBe(dashboard!.dropAt);
  });

  it('a client the snapshot does not hold (a private address) is counted, not drawn; the cap keeps the heaviest', () => {
    const all = trafficEdges(report, index, 'bytes');
    expect(all.edges).toHaveLength(2);
    expect(all.offMap).toBe(1);
    const capped = trafficEdges(report, index, 'bytes', 1);
    expect(capped.edges.map((e) => e.bytes)).toEqual([30000]);
    expect(capped.hidden).toBe(1);
    // by packets too: 40 against 18
    expect(trafficEdges(report, index, 'packets', 1).edges.map((e) => e.packets)).toEqual([40]);
  });

  it('widths grow with the weight, 2 px to 14 px', () => {
    expect(edgeWidth(0, 100)).toBe(2);
    expect(edgeWidth(100, 100)).toBe(14);
    expect(edgeWidth(25, 100)).toBe(8);
  });

  it('an edge\'s records: the request\'s ACCEPT and the reply\'s REJECT, with their ports, packets, bytes and lines', () => {
    const dashboard = trafficEdges(report, index, 'bytes').edges.find((e) => e.target === 'eni-0de00000000000301')!;
    const { rows, total } = edgeRecords(report, dashboard.conversations);
    expect(total).toBe(2);
    expect(rows).toEqual([
      { time: '2026-11-29T10:00:00Z', interfaceId: 'eni-0de00000000000301', leg: 'request', action: 'ACCEPT', from: '198.51.100.7:51000', to: '10.20.0.11:443', packets: 10, bytes: 1500, place: `${path.join(dir, 'flows.log')}:1` },
      { time: '2026-11-29T10:00:00Z', interfaceId: 'eni-0de00000000000301', leg: 'reply', action: 'REJECT', from: '10.20.0.11:443', to: '198.51.100.7:51000', packets: 8, bytes: 900, place: `${path.join(dir, 'flows.log')}:2` },
    ]);
  });
});

describe('traffic lines on the map', () => {
  // every node visible as itself, but prod-cache's interface inside a closed box standing for it: its subnet
  const graph = { nodes: new Map(), roots: [], edges: [], standIn: (id: string) => (id === 'eni-0de0000000000010a' ? 'subnet-0de00000000000115' : id) };
  const edge = (id: string, source: string, target: string, bytes: number, rejected = 0): TrafficEdge => ({
    id, source, target, client: '', server: '', protocol: 6, port: 1, packets: 1, bytes, rejected: { records: rejected, packets: rejected, bytes: rejected }, conversations: [], dropAt: null, blocked: null, disagreement: false,
  });

  it('services between the same two ends share one line weighing their sum; a click on it selects a rejected one first, else the heaviest', () => {
    const edges = [edge('a', 'eni-1', 'eni-2', 300), edge('b', 'eni-1', 'eni-2', 200, 1), edge('c', 'eni-1', 'eni-3', 100)];
    const overlay = trafficOverlay(graph as never, edges, 'bytes', null);
    expect(overlay.edges.map((e) => [e.data.id, e.data.weight, e.classes])).toEqual([
      ['traffic-bundle:eni-1|eni-2', 500, 'traffic bundle rejected'],
      ['c', 100, 'traffic'],
    ]);
    expect(overlay.bundles.get('traffic-bundle:eni-1|eni-2')).toEqual(['a', 'b']);
    expect(edgeOfLine(overlay, edges, 'traffic-bundle:eni-1|eni-2')).toBe('b');
    expect(edgeOfLine(overlay, edges, 'c')).toBe('c');
    expect(edgeOfLine(trafficOverlay(graph as never, [edges[0]!, edge('d', 'eni-1', 'eni-2', 50)], 'bytes', null), edges, 'traffic-bundle:eni-1|eni-2')).toBe('a');
  });

  it('an edge whose ends stand in one closed box is counted, not drawn', () => {
    const overlay = trafficOverlay(graph as never, [edge('x', 'subnet-0de00000000000115', 'eni-0de0000000000010a', 10)], 'bytes', null);
    expect(overlay.edges).toEqual([]);
    expect(overlay.insideBoxes).toBe(1);
  });
});

describe('IPv6 traffic on the map (the dual-stack VPC of test/fixtures/engine/dual-stack.ts)', () => {
  it('an IPv6 internet client is the internet node, the server its interface by its IPv6 address; HTTP REJECTed at i-web is red at sg-web\'s interface', async () => {
    const file = path.join(dir, 'dual-stack.json');
    writeFileSync(file, JSON.stringify(dual().snapshot().raw));
    const log = path.join(dir, 'v6.log');
    // i-web to i-db (2600:1f18:a:2::20) on 5432, 240 bytes; the internet to i-web (2600:1f18:a:1::10) on 80, which sg-web admits from 0.0.0.0/0 only, 180 bytes
    writeFileSync(log, `2 111122223333 eni-db 2600:1f18:a:1::10 2600:1f18:a:2::20 50000 5432 6 4 240 ${T} ${T + 60} ACCEPT OK\n2 111122223333 eni-web 2001:db8::77 2600:1f18:a:1::10 50001 80 6 3 180 ${T} ${T + 60} REJECT OK\n`);
    const service = await createNodeReachmapService();
    await service.openSnapshot(file);
    const v6Index = indexGraph(await service.graph());
    const v6Report = await service.flowLogs({ paths: [log] });
    const { edges, offMap } = trafficEdges(v6Report, v6Index, 'bytes');
    expect(offMap).toBe(0);
    expect(edges.map((e) => [e.source, e.target, e.port, e.rejected.records, e.dropAt])).toEqual([
      ['eni-web', 'eni-db', 5432, 0, null],
      ['internet', 'eni-web', 80, 1, 'eni-web'],
    ]);
    expect(edges[1]!.blocked).toMatchObject({ id: 'sg-web', kind: 'security-group' });
  });
});
