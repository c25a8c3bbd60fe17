// `reachmap diagnose TARGET`: "why can't TARGET be reached", as the
// playbook's layered checklist (state, addressing, routing, filtering, then
// real traces from each kind of source). `--json` prints the DiagnoseReport.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CheckStatus, DiagnoseReport } from '../../shared/api/diagnose-types.js';
import { action, addSnapshotOption, EXIT_OK, openServiceForCli, printJson, type SnapshotOptions } from '../common.js';
import { shown, shownName, writeText } from '../output.js';

interface DiagnoseOptions extends SnapshotOptions {
  port?: number;
  family?: string;
  json?: boolean;
}

function port(value: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65535) throw new InvalidArgumentError(`--port: "${value}" is not a port number (0-65535)`);
  return Number(value);
}

const MARKS: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', unknown: ' ?? ' };
const COLOURS: Record<CheckStatus, number> = { pass: 32, fail: 31, warn: 33, unknown: 33 };

export function diagnoseAsText(report: DiagnoseReport, tty: boolean): string {
  const paint = (status: CheckStatus, text: string) => (tty ? `\u001b[${COLOURS[status]}m${text}\u001b[0m` : text);
  const { target } = report;
  // its Name first, then its ids
  const ids = [target.instance, target.eni].filter((x) => x !== null).map(shownName).join(', ');
  const ports = report.ports.map((p) => `${shown(p.protocol)} ${p.port}`).join(', ');
  const lines = [
    // an IPv6 address is both private and public: shown once, marked
    `${shownName(target.query)}: ${target.name !== null ? `${shownName(target.name)} (${ids})` : ids} ${target.family === 'ipv6' ? `IPv6 ${target.privateIp ? shown(target.privateIp) : '(none)'}` : `${shown(target.privateIp)}${target.publicIp ? ` / ${shown(target.publicIp)}` : ''}`} in ${shownName(target.subnet)}, ${shownName(target.vpc)}`,
    `ports: ${ports} (${report.portsFrom === 'option' ? '--port' : report.portsFrom === 'security-groups' ? "opened by its security groups" : 'none opened by its groups: 22, 80, 443'})`,
    '',
    shown(report.summary),
  ];
  let layer = '';
  for (const check of report.checks) {
    if (check.layer !== layer) {
      layer = check.layer;
      lines.push('', shown(layer));
    }
    const where = check.component ? ` [${shown(check.component.kind)} ${shownName(check.component.id)}]` : '';
    const intended = check.byDesign ? ' (by design)' : '';
    lines.push(`  ${paint(check.status, MARKS[check.status])}  ${shown(check.title)}${where}${intended}`, `        ${shown(check.detail)}`);
    if (check.fix && check.status !== 'pass') lines.push(`        fix: ${shown(check.fix.text)}`, `             ${shown(check.fix.command)}`);
  }
  if (report.warnings.length > 0) lines.push('', 'warnings', ...report.warnings.map((w) => `  - ${shown(w)}`));
  return `${lines.join('\n')}\n`;
}

export function registerDiagnoseCommand(program: Command): void {
  const command = program
    .command('diagnose')
    .description("why can't TARGET be reached: the layered checklist (state, addressing, routing, filtering, each kind of source), each check with its fix")
    .argument('<target>', 'an instance or network interface by its Name or id (i-..., eni-...), or an address one holds')
    .option('--port <n>', 'the tcp port to check (default: the ports its security groups open, else 22, 80, 443)', port)
    .addOption(new Option('--family <family>', 'address family to diagnose (default ipv4, or the only one the machine has; an IPv6 address as TARGET makes it ipv6)').choices(['ipv4', 'ipv6']))
    .option('--json', 'print one JSON object (docs/schemas/diagnose.schema.json)');
  addSnapshotOption(command).action(
    action(async (target: string, options: DiagnoseOptions) => {
      const service = await openServiceForCli(options);
      const report = await service.diagnose(target, { ...(options.port === undefined ? {} : { port: options.port }), ...(options.family === undefined ? {} : { family: options.family }) });
      if (options.json) printJson(report);
      else {
        const colours = process.stdout.isTTY === true && !process.env.NO_COLOR;
        writeText(diagnoseAsText(report, colours), colours);
      }
      return EXIT_OK;
    }),
  );
}
