// `reachmap allowed --from A --to B`: every protocol and port range that gets
// from A to B and whose reply gets back (issue 15.5), from the engine's
// allowedBetween: one real trace per class of flows no filter on the path
// can tell apart. `--json` prints the result (docs/schemas/allowed.schema.json).
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { AllowedBetweenResult } from '../../shared/api/allowed-types.js';
import { protocolPortsText } from '../../shared/api/allowed-text.js';
import { endpointText } from '../endpoint-text.js';
import { action, addSnapshotOption, EXIT_OK, openServiceForCli, printJson, type SnapshotOptions } from '../common.js';
import { shown, writeText } from '../output.js';

interface AllowedOptions extends SnapshotOptions {
  from: string;
  to: string;
  sourcePort?: number;
  family?: string;
  json?: boolean;
}

function sourcePort(value: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65535) throw new InvalidArgumentError(`--source-port: "${value}" is not a port number (0-65535)`);
  return Number(value);
}

export function allowedAsText(result: AllowedBetweenResult, typed: { from: string; to: string }): string {
  const lines = [`From ${endpointText(result.from, typed.from)} to ${endpointText(result.to, typed.to)}, source port ${result.sourcePort}:`, ''];
  if (result.reachable.length === 0) lines.push('Nothing gets through and back.');
  else lines.push('Gets through and back:', ...result.reachable.map((item) => `  ${protocolPortsText(item, shown)}`));
  if (result.unknown.length > 0) lines.push('', 'Cannot be judged from the snapshot (unknown):', ...result.unknown.map((item) => `  ${protocolPortsText(item, shown)}`));
  if (result.reachable.length > 0 || result.unknown.length > 0) lines.push('', 'Everything else is dropped on the way there or back.');
  lines.push(`(${result.traces} traces; \`reachmap analyze\` with a port shows where a flow stops)`);
  if (result.warnings.length > 0) lines.push('', 'warnings', ...result.warnings.map((w) => `  - ${shown(w)}`));
  return `${lines.join('\n')}\n`;
}

export function registerAllowedCommand(program: Command): void {
  const command = program
    .command('allowed')
    .description('what A can send to B: every protocol and port range that gets there and whose reply gets back')
    .requiredOption('--from <endpoint>', 'source: a Name, i-..., eni-..., internet, or an IPv4 address')
    .requiredOption('--to <endpoint>', 'destination: a Name, i-..., eni-..., nat-..., vpce-..., a load balancer (name, ARN or DNS name: its listener ports, followed on to its targets), internet, or an IPv4 address')
    .option('--source-port <n>', 'the source port of every trace (default 49152)', sourcePort)
    .addOption(new Option('--family <family>', 'address family of every trace (default ipv4; an IPv6 address at either end makes it ipv6)').choices(['ipv4', 'ipv6']))
    .option('--json', 'print one JSON object (docs/schemas/allowed.schema.json)');
  // --snapshot, --max-size and --apply, as every command that answers about a snapshot
  addSnapshotOption(command);
  command.action(
    action(async (options: AllowedOptions) => {
      const service = await openServiceForCli(options);
      const result = await service.allowed({ from: options.from, to: options.to, ...(options.sourcePort !== undefined ? { sourcePort: options.sourcePort } : {}), ...(options.family !== undefined ? { family: options.family } : {}) });
      if (options.json) printJson(result);
      else writeText(allowedAsText(result, options));
      return EXIT_OK;
    }),
  );
}
