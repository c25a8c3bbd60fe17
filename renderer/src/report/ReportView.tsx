// The report: one page that can be filed as evidence. What was asked of which
// snapshot, the answer in words, the map as on screen, every hop, the
// findings with the rule that decided and the fix, and a footer that ties the
// picture to its data (Reachmap version, snapshot hash). Nothing on it
// depends on the time it is drawn, so the same question gives the same picture.
import { useMemo } from 'react';
import type { AnalyzeResult, Hop, Leg } from '../../../shared/api/analysis-types.js';
import type { Graph } from '../../../shared/api/reachmap-api.js';
import { version } from '../../../package.json';
import { DropCard } from '../panels/DropCard.js';
import { ExposurePanel } from '../panels/ExposurePanel.js';
import { DiagnosePanel } from '../panels/DiagnosePanel.js';
import { ACTION_CLASS, KIND_SHORT, componentTitle, ruleLines } from '../panels/format.js';
import type { ReportData } from './load-report.js';
import type { ReportQuestion } from './question.js';
import { reportMapModel } from './map-view.js';
import { ReportMap } from './ReportMap.js';
import { EditsSection } from './EditsSection.js';
import { ComparisonSection } from './ComparisonSection.js';
import { FlowLogsSection } from './FlowLogsSection.js';
import { LoadBalancerSection } from './LoadBalancerSection.js';
import { shownName } from '../display.js';
import { sourceClaim } from './provenance.js';
import { displayText, truncateForDisplay } from '../../../shared/api/display-text.js';
import './report.css';

/** lists are cut here so that a large network's report stays a page or two, not a scroll */
const MAX_LISTED = 40;

function More({ shown, total, where }: { shown: number; total: number; where: React.ReactNode }) {
  return total > shown ? <p className="report-more">The first {shown} of {total} are listed; {where} holds them all.</p> : null;
}

function nameOf(graph: Graph, id: string): string | null {
  // An instance is drawn as its network interface, which carries its name.
  const node = graph.nodes.find((n) => n.id === id) ?? graph.nodes.find((n) => n.data?.instanceId === id);
  return node && node.name && node.name !== id ? shownName(node.name) : null;
}

function named(graph: Graph, id: string): string {
  const name = nameOf(graph, id);
  return name && name.toLowerCase() !== id.toLowerCase() ? `${name} (${shownName(id)})` : shownName(id);
}

function protocolText(result: AnalyzeResult): string {
  const { protocol, port, family } = result.query;
  // IPv4 is the default and goes unsaid; an IPv6 flow says so (its addresses alone are easy to misread)
  return `${port === null ? protocol : `${protocol}/${port}`}${family === 'ipv6' ? ' over IPv6' : ''}`;
}

function questionText(data: ReportData): string {
  const q: ReportQuestion = data.question;
  if (q.kind === 'exposure') return 'What can the internet reach in this snapshot?';
  if (data.answer.kind === 'flowlogs') return `What did the network do, as its flow logs recorded it, against what the configuration says? (${data.answer.report.summary.files} file${data.answer.report.summary.files === 1 ? '' : 's'}${data.answer.report.window ? `, ${data.answer.report.window.start} to ${data.answer.report.window.end}` : ''})`;
  if (data.answer.kind === 'compare') return `What changed from ${displayText(data.answer.report.old.label)} to ${displayText(data.answer.report.new.label)}, and what did it break or fix?`;
  if (q.kind === 'diagnose') {
    // the family the diagnosis ran over (an IPv6-only machine is diagnosed over IPv6 without asking)
    const overIpv6 = data.answer.kind === 'diagnose' && data.answer.result.target.family === 'ipv6' ? ' over IPv6' : '';
    return `Why can ${named(data.graph, q.target)} not be reached${q.port !== undefined ? ` on port ${q.port}` : ''}${overIpv6}?`;
  }
  if (data.answer.kind !== 'flow') return '';
  const r = data.answer.result;
  return `Can ${named(data.graph, r.query.from)} reach ${named(data.graph, r.query.to)} on ${protocolText(r)}?`;
}

function titleText(data: ReportData): string {
  const a = data.answer;
  if (a.kind === 'exposure') return 'Internet exposure';
  if (a.kind === 'diagnose') return `Diagnosis of ${nameOf(data.graph, a.target) ?? a.target}`;
  if (a.kind === 'compare') return 'What changed';
  if (a.kind === 'flowlogs') return 'Flow logs against the configuration';
  const r = a.result;
  const from = nameOf(data.graph, r.query.from) ?? r.query.from;
  const to = nameOf(data.graph, r.query.to) ?? r.query.to;
  return `${from} → ${to} · ${protocolText(r)}`;
}

function verdictOf(data: ReportData): { tone: 'ok' | 'bad' | 'warn' | 'info'; headline: string; detail: string } {
  const a = data.answer;
  if (a.kind === 'exposure') {
    const n = a.report.exposed.length;
    return n === 0
      ? { tone: 'ok', headline: 'Nothing is reachable from the internet', detail: 'No network interface in this snapshot admits a connection from an internet host.' }
      : { tone: 'warn', headline: `${n} network interface${n === 1 ? ' is' : 's are'} reachable from the internet`, detail: 'Each is marked on the map and listed below with the ports and the sources that may use them.' };
  }
  if (a.kind === 'compare') {
    const { summary, intents, flow } = a.report;
    const n = summary.added + summary.removed + summary.modified;
    const broke = [...(intents?.flipped ?? []), ...(flow ? [flow] : [])].filter((f) => f.effect === 'broke').length;
    const detail = `${summary.added} added, ${summary.removed} removed, ${summary.modified} modified; ${summary.compared} compared${summary.notCompared > 0 ? `, ${summary.notCompared} not compared` : ''}. Changed components are marked on the map where it draws them.`;
    if (n === 0 && !a.report.changed) return { tone: 'ok', headline: 'Nothing changed', detail };
    return { tone: broke > 0 ? 'bad' : 'warn', headline: `${n} component${n === 1 ? '' : 's'} changed${broke > 0 ? `; ${broke} flow${broke === 1 ? '' : 's'} broke` : ''}`, detail };
  }
  if (a.kind === 'flowlogs') {
    const s = a.report.summary;
    const detail = `${s.accepted.conversations} accepted and ${s.rejected.conversations} rejected conversations in ${s.records} records; ${s.explained} rejects explained by the configuration${s.unjudged > 0 ? `, ${s.unjudged} it cannot judge` : ''}. Rejected traffic is marked red at the component that explains it.`;
    if (s.disagreements > 0) return { tone: 'bad', headline: `${s.disagreements} disagreement${s.disagreements === 1 ? '' : 's'} between the records and the configuration`, detail };
    return { tone: s.rejected.conversations > 0 ? 'warn' : 'ok', headline: s.rejected.conversations > 0 ? 'Every reject is explained by the configuration' : 'No traffic was rejected', detail };
  }
  if (a.kind === 'diagnose') {
    const { firstFailure, summary } = a.result;
    return firstFailure ? { tone: 'bad', headline: `Fails at the ${firstFailure.layer} layer`, detail: summary } : { tone: 'ok', headline: 'Every check passes', detail: summary };
  }
  const r = a.result;
  const b = r.blocked;
  if (r.verdict === 'reachable') return { tone: 'ok', headline: 'Reachable', detail: `The request is delivered to ${r.resolved.to.ip} and the reply comes back to ${r.resolved.from.ip}.` };
  const where = b ? `${b.direction === 'return' ? 'on the return path' : 'on the way there'}, at ${componentTitle(b.kind, b.id, b.name)} (${b.code})` : '';
  if (r.verdict === 'unreachable') return { tone: 'bad', headline: 'Unreachable', detail: `The flow is dropped ${where}. ${b?.detail ?? ''}`.trim() };
  return { tone: 'warn', headline: 'Unknown', detail: `The flow cannot be judged ${where}. ${b?.detail ?? ''}`.trim() };
}

function Metadata({ data }: { data: ReportData }) {
  const s = data.summary;
  // The file read, as the user named it (an absolute path would put their home folder in a shared picture);
  // what the file says about itself comes after, as a claim.
  const file = s.label === 'demo' ? 'the bundled demo network (Acme)' : displayText(s.label);
  const regions = [...new Set(s.regions.map((r) => r.region))].sort();
  return (
    <dl className="report-meta" data-testid="report-meta">
      <dt>Snapshot</dt>
      <dd data-testid="report-snapshot-file">{file}</dd>
      <dt>Its claim</dt>
      <dd data-testid="report-snapshot-claim">{sourceClaim(s)}</dd>
      <dt>Taken</dt>
      <dd>{s.createdAt ? `${truncateForDisplay(s.createdAt)} (as the file says)` : 'not recorded'}</dd>
      <dt>Accounts</dt>
      <dd>{s.accounts.join(', ') || 'none'}</dd>
      <dt>Regions</dt>
      <dd>{regions.join(', ') || 'none'}</dd>
      <dt>Contents</dt>
      <dd>
        {s.counts.vpcs} VPCs · {s.counts.subnets} subnets · {s.counts.instances} instances · {s.counts.enis} network interfaces
      </dd>
      <dt>Read errors</dt>
      <dd>
        {s.errors.length === 0 ? (
          'none'
        ) : (
          <ul className="report-errors">
            {s.errors.slice(0, MAX_LISTED).map((e, i) => (
              <li key={i}>
                {displayText(`${e.account} ${e.region} ${e.api}: ${e.code} ${e.message}`)}
              </li>
            ))}
          </ul>
        )}
        <More shown={MAX_LISTED} total={s.errors.length} where={<>the snapshot file&apos;s <code>errors</code></>} />
      </dd>
    </dl>
  );
}

function HopRows({ leg, name }: { leg: Leg; name: string }) {
  return (
    <>
      {leg.hops.map((hop: Hop, i) => (
        <tr key={`${name}:${i}`} className={ACTION_CLASS[hop.action] ?? ''}>
          <td>{i === 0 ? name : ''}</td>
          <td className="num">{i + 1}</td>
          <td>
            <span className="kind">{KIND_SHORT[hop.kind] ?? hop.kind}</span> {hop.name && <strong>{shownName(hop.name)} </strong>}<span className="mono">{truncateForDisplay(hop.id)}</span>
          </td>
          <td>{hop.direction}</td>
          <td>
            <span className={`pill ${ACTION_CLASS[hop.action] ?? ''}`}>{hop.action}</span>
            {hop.code && <div className="mono code">{hop.code}</div>}
          </td>
          <td>
            {displayText(hop.detail)}
            {ruleLines(hop.rule).map((line) => (
              <div key={line} className="rule">{line}</div>
            ))}
          </td>
        </tr>
      ))}
    </>
  );
}

function HopTable({ result }: { result: AnalyzeResult }) {
  return (
    <table className="report-hops" data-testid="report-hops">
      <thead>
        <tr><th>leg</th><th>#</th><th>component</th><th>where</th><th>decision</th><th>what was checked</th></tr>
      </thead>
      <tbody>
        <HopRows leg={result.forward} name="forward" />
        {result.return && <HopRows leg={result.return} name="return" />}
      </tbody>
    </table>
  );
}

function Legend({ data, hasDrop }: { data: ReportData; hasDrop: boolean }) {
  return (
    <div className="legend report-legend">
      {data.answer.kind === 'flow' && <span><i className="sw path-f" /> forward path</span>}
      {data.answer.kind === 'flow' && data.answer.result.return && <span><i className="sw path-r" /> return path</span>}
      {hasDrop && <span><i className="sw drop" /> drop point</span>}
      {data.answer.kind === 'exposure' && <span><i className="sw exposed" /> reachable from the internet</span>}
      {(data.edits?.length ?? 0) > 0 && <span><i className="sw edited" /> edited (a fix tried)</span>}
      {data.answer.kind === 'flowlogs' && <span><i className="sw drop" /> rejected here <i className="sw diff-modified" /> records disagree with the configuration</span>}
      {data.answer.kind === 'compare' && <span><i className="sw diff-added" /> added <i className="sw diff-removed" /> removed <i className="sw diff-modified" /> modified</span>}
      <span><i className="sw pub" /> public subnet</span>
      <span><i className="sw priv" /> private subnet</span>
      <span className="muted">VPCs the question does not touch are drawn closed</span>
    </div>
  );
}

const ignore = () => undefined;


export function ReportView({ data, onReady }: { data: ReportData; onReady(): void }) {
  const model = useMemo(() => reportMapModel(data.graph, data.answer, data.edits), [data]);
  const verdict = verdictOf(data);
  const a = data.answer;
  const blocked = a.kind === 'flow' ? a.result.blocked : null;
  const callout = blocked && model.drop ? { code: blocked.code, title: componentTitle(blocked.kind, blocked.id, blocked.name) } : null;
  // The drop point of a diagnosis is the component of its first failing check.
  const failing = a.kind === 'diagnose' ? a.result.checks.find((c) => c.status === 'fail' && c.component?.id === model.drop) : undefined;
  const diagnoseCallout = failing && model.drop ? { code: failing.title, title: `${KIND_SHORT[failing.component!.kind] ?? failing.component!.kind} ${failing.component!.id}` } : null;
  const warnings = a.kind === 'flow' ? a.result.warnings : a.kind === 'exposure' || a.kind === 'flowlogs' ? a.report.warnings : [];
  return (
    <article className="report" id="reachmap-report" data-testid="report">
      <header className="report-head">
        <div className="report-brand"><span className="logo">◆</span> Reachmap report{data.redacted ? ' · redacted' : ''}</div>
        <h1>{titleText(data)}</h1>
      </header>
      <Metadata data={data} />
      <section className="report-question">
        <h2>Question</h2>
        <p>{questionText(data)}</p>
      </section>
      <section className={`report-verdict ${verdict.tone}`} data-testid="report-verdict">
        <strong>{verdict.headline}</strong>
        <p>{verdict.detail}</p>
      </section>
      <EditsSection data={data} />
      <section>
        <h2>Map</h2>
        <ReportMap model={model} callout={callout ?? diagnoseCallout} onDrawn={onReady} />
        <Legend data={data} hasDrop={model.drop !== null} />
      </section>
      {a.kind === 'flow' && (
        <section>
          <h2>Hops, in the order checked</h2>
          <HopTable result={a.result} />
        </section>
      )}
      <LoadBalancerSection targets={data.loadBalancerTargets ?? []} max={MAX_LISTED} />
      <section className="report-findings">
        <h2>Findings</h2>
        {a.kind === 'flow' && blocked && <DropCard blocked={blocked} onFocus={ignore} />}
        {a.kind === 'flow' && !blocked && <p>No component drops this flow: every check on both legs allows it.</p>}
        {a.kind === 'exposure' && <ExposurePanel report={{ exposed: a.report.exposed.slice(0, MAX_LISTED), warnings: [] }} onFocus={ignore} />}
        {a.kind === 'exposure' && <More shown={MAX_LISTED} total={a.report.exposed.length} where={<><code>reachmap exposure --json</code></>} />}
        {a.kind === 'diagnose' && <DiagnosePanel result={a.result} />}
        {a.kind === 'compare' && <ComparisonSection report={a.report} max={MAX_LISTED} />}
        {a.kind === 'flowlogs' && <FlowLogsSection report={a.report} max={MAX_LISTED} />}
        {warnings.length > 0 && (
          <>
            <h3>Assumptions</h3>
            <ul className="warnings">{warnings.map((w) => <li key={w}>{w}</li>)}</ul>
          </>
        )}
      </section>
      <footer className="report-foot">
        <span>Reachmap {version}</span>
        <span className="mono">snapshot {data.summary.hash}</span>
      </footer>
    </article>
  );
}
