// One readable line per result, for the terminal and for JUnit failure
// messages: what was asked, and for a failure what went wrong and where.
import type { CheckResult, CheckSummary, ExposureCheckResult, FlowCheckResult, UnexpectedExposure } from './check-types.js';
import { formatSpans } from './port-spans.js';

export function describeResult(result: CheckResult): string {
  return result.kind === 'flow' ? describeFlow(result) : describeExposure(result);
}

/** the last line of `reachmap check` */
export function summaryLine(summary: CheckSummary): string {
  return `${summary.passed} passed, ${summary.failed} failed`;
}

/** "flows[2] \"web to db\"" */
export function titleOf(result: CheckResult): string {
  if (result.kind === 'exposure') return 'exposure';
  return result.intent.name ? `${result.intent.id} "${result.intent.name}"` : result.intent.id;
}

function describeFlow(result: FlowCheckResult): string {
  const { query } = result;
  const service = query.port === null ? query.protocol : `${query.protocol}/${query.port}`;
  const head = `${result.passed ? 'PASS' : 'FAIL'} ${titleOf(result)}: ${query.from} -> ${query.to} ${service}`;
  if (result.passed) return `${head}: ${result.verdict}`;
  const blocked = result.blocked;
  const where = blocked ? ` at ${blocked.id} (${blocked.kind}, ${blocked.code}, ${blocked.direction})` : '';
  return `${head}: expected ${result.intent.expect}, got ${result.verdict}${where}`;
}

function describeExposure(result: ExposureCheckResult): string {
  if (result.passed) {
    return `PASS exposure: nothing but the allowed services is reachable from the internet (${result.exposedEnis} ENI${result.exposedEnis === 1 ? '' : 's'} exposed)`;
  }
  return `FAIL exposure: not allowed but reachable from the internet: ${result.unexpected.map(describeUnexpected).join('; ')}`;
}

function describeUnexpected(item: UnexpectedExposure): string {
  const owner = [item.instance, item.name].filter((part) => part !== null).join(' ');
  const holder = owner ? `${item.eni} (${owner}, ${item.publicIp})` : `${item.eni} (${item.publicIp})`;
  const service = item.ports === null ? item.protocol : `${item.protocol} ${formatSpans(item.ports)}`;
  return `${holder} ${service} from ${item.sources.join(', ')}`;
}
