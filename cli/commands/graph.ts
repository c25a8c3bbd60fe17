// `reachmap graph`: the topology, as JSON (docs/schemas/graph.schema.json) or as an indented tree.
import type { Command } from 'commander';
import type { Graph, GraphNode } from '../../shared/api/reachmap-api.js';
import { action, addSnapshotOption, openServiceForCli, printJson, type SnapshotOptions } from '../common.js';
import { shown, shownName, writeText } from '../output.js';

interface GraphOptions extends SnapshotOptions {
  json?: boolean;
}

function label(node: GraphNode): string {
  const name = node.name !== node.id ? ` (${shownName(node.name)})` : '';
  const instance = typeof node.data?.instanceId === 'string' ? ` [${shownName(node.data.instanceId)}${node.data.instanceState ? ` ${shown(String(node.data.instanceState))}` : ''}]` : '';
  return `${shown(node.kind)} ${shownName(node.id)}${name}${instance}`;
}

export function graphAsText(graph: Graph): string {
  const children = new Map<string | null, GraphNode[]>();
  for (const node of graph.nodes) {
    const list = children.get(node.parent);
    if (list) list.push(node);
    else children.set(node.parent, [node]);
  }
  const lines: string[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      lines.push(`${'  '.repeat(depth)}${label(node)}`);
      walk(node.id, depth + 1);
    }
  };
  walk(null, 0);
  const links = graph.edges.filter((edge) => edge.kind !== 'member');
  if (links.length > 0) {
    lines.push('', 'links:');
    for (const edge of links) lines.push(`  ${shownName(edge.source)} -> ${shownName(edge.target)} (${shown(edge.kind)})`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerGraphCommand(program: Command): void {
  const command = program
    .command('graph')
    .description('print the network topology: accounts > regions > VPCs > zones > subnets > ENIs, gateways and links')
    .option('--json', 'print one JSON object (docs/schemas/graph.schema.json)');
  addSnapshotOption(command).action(
    action(async (options: GraphOptions) => {
      const service = await openServiceForCli(options);
      const graph = await service.topology();
      if (options.json) printJson(graph);
      else writeText(graphAsText(graph));
    }),
  );
}
