// The report's load-balancer section: each target with AWS's collected
// health beside our answer to "does the network let the health check
// through", and for a check the network blocks, the component, the rule and
// the fix (the drop card the findings use). The check's path is given with
// what the network cannot tell: whether the application answers it.
import type { ReportLbTarget } from './lb-targets.js';
import { DropCard } from '../panels/DropCard.js';
import { shownName } from '../display.js';
import { displayText } from '../../../shared/api/display-text.js';

const ignore = () => undefined;

/** the square before each target: its colour says whether the health check crosses the network (report.css) */
const CHECK_MARK = { reachable: 'passes', unreachable: 'blocked', unknown: 'unknown' } as const;

function collectedText(target: ReportLbTarget): string {
  const c = target.health.collected;
  if (!c) return 'no health reported';
  return `${c.state ?? 'no state'}${c.reason ? ` (${c.reason})` : ''}${c.description ? `: ${c.description}` : ''}`;
}

function checkText(target: ReportLbTarget): string {
  const check = target.health.computed;
  if (!check) return 'not computed';
  const what = `${check.protocol}${check.path ? ` ${check.path}` : ''} on port ${check.port ?? '?'}`;
  const words = { reachable: 'the network lets it through from every node', unreachable: `the network drops it${check.node ? ` (from node ${check.node})` : ''}`, unknown: 'cannot be judged from the snapshot' }[check.verdict];
  return `${what}: ${words}`;
}

function traceText(trace: NonNullable<ReportLbTarget['trace']>): string {
  const sent = trace.routed ? 'sends to it' : 'does not send to it';
  const verdict = trace.verdict === 'reachable' ? 'delivered and answered' : trace.verdict === 'unknown' ? 'cannot be judged' : `dropped at ${trace.blocked ? `${trace.blocked.kind} ${trace.blocked.id} (${trace.blocked.code})` : '?'}`;
  return `the load balancer ${sent}; this target's own trace: ${verdict}`;
}

function TargetBlock({ target }: { target: ReportLbTarget }) {
  const check = target.health.computed;
  const mark = CHECK_MARK[check?.verdict ?? 'unknown'];
  return (
    <div className={`report-lb-target ${mark}`} data-testid="report-lb-target">
      <h3>
        <i className={`lbt-mark ${mark}`} /> {shownName(target.target)} <span className="muted">· {target.group} · {target.zone || 'zone unknown'}</span>
      </h3>
      <dl>
        <dt>AWS reports</dt>
        <dd data-testid="report-lb-collected">{displayText(collectedText(target))}</dd>
        <dt>Health check</dt>
        <dd data-testid="report-lb-check">{checkText(target)}</dd>
        {target.trace && (
          <>
            <dt>Traffic</dt>
            <dd>{traceText(target.trace)}</dd>
          </>
        )}
        {target.health.disagreement && (
          <>
            <dt>Disagreement</dt>
            <dd>{displayText(target.health.disagreement)}</dd>
          </>
        )}
        {check && (
          <>
            <dt>Beyond the network</dt>
            <dd>{displayText(check.note)}</dd>
          </>
        )}
      </dl>
      {check?.verdict === 'unreachable' && check.blocked && <DropCard blocked={check.blocked} onFocus={ignore} />}
    </div>
  );
}

export function LoadBalancerSection({ targets, max }: { targets: readonly ReportLbTarget[]; max: number }) {
  if (targets.length === 0) return null;
  const balancers = [...new Set(targets.map((t) => t.balancer))];
  const blocked = targets.filter((t) => t.health.computed?.verdict === 'unreachable').length;
  return (
    <section className="report-lb" data-testid="report-lb">
      <h2>Load balancer targets</h2>
      <p>
        {balancers.map(shownName).join(', ')}: {targets.length} target{targets.length === 1 ? '' : 's'}, {blocked === 0 ? 'no health check blocked by the network' : `${blocked} whose health check the network blocks`}.{' '}
        <span className="muted">AWS&apos;s collected health decides which targets are used; our answer is whether the check crosses the network.</span>
      </p>
      {targets.slice(0, max).map((target) => (
        <TargetBlock key={`${target.balancer}:${target.group}:${target.target}`} target={target} />
      ))}
      {targets.length > max && <p className="report-more">The first {max} of {targets.length} are listed; <code>reachmap analyze --json</code> holds them all.</p>}
    </section>
  );
}
