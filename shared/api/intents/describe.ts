// One readable line per result, for the terminal and for JUnit: what was
// asked, and for a failure what went wrong and where.
import type { CheckResult, CheckSummary, ExposureCheckResult, FlowCheckResult, UnexpectedExposure } from './check-types.js';
import { formatSpans } from './port-spans.js';

/** "PASS flows[0] \"web\": internet -> i-0abc tcp/443: reachable" */
export function describeResult(result: CheckResult): string {
  return `${result.passed ? 'PASS' : 'FAIL'} ${subjectOf(result)}: ${outcomeOf(result)}`;
}

/** the last line of `reachmap check` */
export function summaryLine(summary: CheckSummary): string {
  return `${summary.passed} passed, ${summary.failed} failed`;
}

/** what the result is about: "flows[2] \"web to db\": i-0a -> i-0b tcp/5432", or "exposure" */
export function subjectOf(result: CheckResult): string {
  if (result.kind === 'exposure') return 'exposure';
  const { query, intent } = result;
  // a name written over several lines must not break "one line per result"
  const title = intent.name ? `${intent.id} "${intent.name.replace(/\s*[\r\n]+\s*/g, ' ')}"` : intent.id;
  const service = query.port === null ? query.protocol : `${query.protocol}/${query.port}`;
  return `${title}: ${query.from} -> ${query.to} ${service}`;
}

/** the verdict; for a failure what differs, and where the flow is dropped */
export function outcomeOf(result: CheckResult): string {
  return result.kind === 'flow' ? flowOutcome(result) : exposureOutcome(result);
}

function flowOutcome(result: FlowCheckResult): string {
  if (result.passed) return result.verdict;
  const blocked = result.blocked;
  const where = blocked ? ` at ${blocked.id} (${blocked.kind}, ${blocked.code}, ${blocked.direction})` : '';
  return `expected ${result.intent.expect}, got ${result.verdict}${where}`;
}

function exposureOutcome(result: ExposureCheckResult): string {
  if (result.passed) return `nothing but the allowed services is reachable from the internet (${result.exposedEnis} ENI${result.exposedEnis === 1 ? '' : 's'} exposed)`;
  return `not allowed but reachable from the internet: ${result.unexpected.map(describeUnexpected).join('; ')}`;
}

function describeUnexpected(item: UnexpectedExposure): string {
  const owner = [item.instance, item.name].filter((part) => part !== null).join(' ');
  const holder = owner ? `${item.eni} (${owner}, ${item.publicIp})` : `${item.eni} (${item.publicIp})`;
  const service = item.ports === null ? item.protocol : `${item.protocol} ${formatSpans(item.ports)}`;
  return `${holder} ${service} from ${item.sources.join(', ')}`;
}
