// The Traffic tab: flow log files read against the open snapshot and drawn on
// the map as observed traffic. In the desktop app the files are ones the user
// chose in the main process's dialog (as Compare with… does); in the web face
// they are paths typed here, read by `reachmap serve` on this machine. Every
// text from the files or the snapshot goes through the display sanitiser.
import { useEffect, useState } from 'react';
import type { ReachmapApi } from '../../../shared/api/reachmap-api.js';
import { shownName, shownText } from '../display.js';
import { HopList } from '../panels/HopList.js';
import type { GraphIndex } from '../map/visible-graph.js';
import { edgeRecords } from './edge-records.js';
import { secondsOf } from './time.js';
import type { Traffic } from './useTraffic.js';
import { serviceOf, weightText } from './traffic-overlay.js';
import { MAX_TRAFFIC_EDGES, type TrafficEdge } from './traffic-edges.js';

interface DesktopChooser {
  chooseCompareFile(kind: 'flowlogs'): Promise<string | null>;
}

function desktopOf(api: ReachmapApi): DesktopChooser | null {
  const bridge = api as Partial<DesktopChooser>;
  return typeof bridge.chooseCompareFile === 'function' ? (bridge as DesktopChooser) : null;
}

export function FlowLogsPanel({ api, traffic, index, onFocus }: { api: ReachmapApi; traffic: Traffic; index: GraphIndex; onFocus(ids: string[]): void }) {
  const desktop = desktopOf(api);
  const { state, edges } = traffic;
  const [paths, setPaths] = useState<string>(state?.request.paths.join('\n') ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [chooseError, setChooseError] = useState<string | null>(null);

  // a new answer for the whole window: the filter starts as that window
  useEffect(() => {
    const shown = state?.report.timeFilter ?? state?.fullWindow;
    setFrom(shown?.start ?? '');
    setTo(shown?.end ?? '');
  }, [state?.report]);

  // a new answer: its edges' ends shown whole on the map (a closed box opened, the view framed on them);
  // the internet node sits far above the VPCs: framing it too would zoom out until the interfaces are hidden
  useEffect(() => {
    const ends = [...new Set((edges?.edges ?? []).flatMap((e) => [e.source, e.target]))].filter((id) => id !== 'internet');
    if (ends.length > 0) onFocus(ends);
  }, [state?.report, index]);

  const list = paths.split('\n').map((p) => p.trim()).filter((p) => p !== '');
  const nameOf = (id: string) => (id === 'internet' ? 'internet' : shownName(index.byId.get(id)?.name || id));
  const windowValid = secondsOf(from) !== null && secondsOf(to) !== null && secondsOf(from)! <= secondsOf(to)!;

  async function choose() {
    if (!desktop) return;
    try {
      const chosen = await desktop.chooseCompareFile('flowlogs');
      if (chosen !== null && !list.includes(chosen)) setPaths([...list, chosen].join('\n'));
    } catch (e) {
      setChooseError((e as Error).message);
    }
  }

  const report = state?.report;
  const selected = state?.selected ? edges?.edges.find((e) => e.id === state.selected) : undefined;

  return (
    <section className="flowlogs" data-testid="traffic">
      <form className="query" onSubmit={(e) => { e.preventDefault(); if (list.length > 0) void traffic.load({ paths: list }); }}>
        <label className="field"><span className="field-label">Flow log files or folders (one a line; plain or .gz)</span>
          <textarea value={paths} onChange={(e) => setPaths(e.target.value)} rows={3} placeholder="/path/to/flow-logs/ or records.log" spellCheck={false}
            readOnly={desktop !== null} data-testid="traffic-paths" /></label>
        {desktop && <button type="button" className="btn" onClick={() => void choose()} data-testid="traffic-choose">Add a file…</button>}
        <button type="submit" className="btn primary run" disabled={list.length === 0 || traffic.busy} data-testid="traffic-run">{traffic.busy ? 'Reading…' : 'Show traffic'}</button>
      </form>
      {(traffic.error ?? chooseError) && <p className="error-text" data-testid="traffic-error">{shownText(traffic.error ?? chooseError ?? '')}</p>}
      {!report && !traffic.error && (
        <div className="help">
          <p>VPC flow logs say what the network did. Read them here to draw the traffic on the map, as wide as its bytes or packets, rejected traffic in red at the component that explains it.</p>
          <p>Select an edge for its records and the engine's trace of that conversation.</p>
        </div>
      )}
      {report && state && edges && (
        <div className="traffic-result">
          <p className="summary" data-testid="traffic-summary">
            {report.summary.conversations} conversation{report.summary.conversations === 1 ? '' : 's'} from {report.summary.records} record{report.summary.records === 1 ? '' : 's'}:
            {' '}{report.summary.accepted.conversations} with accepted and {report.summary.rejected.conversations} with rejected traffic; {report.summary.explained} REJECT{report.summary.explained === 1 ? '' : 's'} explained, {report.summary.disagreements} disagreement{report.summary.disagreements === 1 ? '' : 's'}
          </p>
          <div className="traffic-weight" role="radiogroup" aria-label="Weigh edges by">
            <span className="field-label">Weigh edges by</span>
            {(['bytes', 'packets'] as const).map((by) => (
              <label key={by}><input type="radio" name="traffic-weight" checked={state.weightBy === by} onChange={() => traffic.weigh(by)} data-testid={`traffic-weight-${by}`} /> {by}</label>
            ))}
          </div>
          <form className="query traffic-window" onSubmit={(e) => { e.preventDefault(); if (windowValid) void traffic.filter({ start: from.trim(), end: to.trim() }); }}>
            <span className="field-label">Time window (UTC){state.fullWindow ? `: the records run from ${state.fullWindow.start} to ${state.fullWindow.end}` : ': the records carry no times'}</span>
            <label className="field"><span className="field-label">From</span><input value={from} onChange={(e) => setFrom(e.target.value)} spellCheck={false} data-testid="traffic-from" /></label>
            <label className="field"><span className="field-label">To</span><input value={to} onChange={(e) => setTo(e.target.value)} spellCheck={false} data-testid="traffic-to" /></label>
            <div className="query-row">
              <button type="submit" className="btn" disabled={!windowValid || traffic.busy} data-testid="traffic-filter">Apply</button>
              <button type="button" className="btn ghost" disabled={!report.timeFilter || traffic.busy} onClick={() => void traffic.filter(null)} data-testid="traffic-whole">Whole window</button>
            </div>
            {!windowValid && from !== '' && <p className="error-text">Times are ISO 8601, e.g. 2026-11-29T10:00:00Z, the start before the end.</p>}
            {report.timeFilter && (
              <p className="muted" data-testid="traffic-filtered">Only records from {report.timeFilter.start} to {report.timeFilter.end}: {report.timeFilter.recordsOutside} record{report.timeFilter.recordsOutside === 1 ? '' : 's'} outside it (or without times) left out.</p>
            )}
          </form>
          <p className="muted" data-testid="traffic-drawn">
            {edges.edges.length} edge{edges.edges.length === 1 ? '' : 's'} drawn
            {traffic.overlay && traffic.overlay.bundles.size > 0 && ` as ${traffic.overlay.edges.length} lines (the services between two ends share one)`}
            {edges.hidden > 0 && `; the ${edges.hidden} lightest not drawn (at most ${MAX_TRAFFIC_EDGES}: narrow the time window, or read reachmap flowlogs --json)`}
            {edges.offMap > 0 && `; ${edges.offMap} conversation${edges.offMap === 1 ? '' : 's'} with an end the map does not draw`}
            {traffic.overlay && traffic.overlay.insideBoxes > 0 && `; ${traffic.overlay.insideBoxes} inside a closed box (open it to see them)`}
          </p>
          <ul className="traffic-edges">
            {edges.edges.map((edge) => (
              <li key={edge.id}>
                <button type="button" className={`linklike ${state.selected === edge.id ? 'active' : ''}`} data-testid="traffic-edge" data-id={edge.id}
                  onClick={() => { void traffic.select(state.selected === edge.id ? null : edge.id); onFocus([edge.source, edge.target]); }}>
                  {edge.rejected.records > 0 && <span className="pill bad">REJECT</span>}{edge.disagreement && <span className="pill warn">disagrees</span>}
                  {' '}{nameOf(edge.source)} → {nameOf(edge.target)} {serviceOf(edge)} · {weightText(edge[state.weightBy], state.weightBy)}
                </button>
              </li>
            ))}
          </ul>
          {selected && <EdgeDetail edge={selected} traffic={traffic} nameOf={nameOf} onFocusHop={(id) => { if (index.byId.has(id)) onFocus([id]); }} />}
          {report.warnings.length > 0 && <ul className="warnings">{report.warnings.map((w) => <li key={w}>{shownText(w)}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}

const NO_HOPS: ReadonlySet<string> = new Set();

function EdgeDetail({ edge, traffic, nameOf, onFocusHop }: { edge: TrafficEdge; traffic: Traffic; nameOf(id: string): string; onFocusHop(id: string): void }) {
  const state = traffic.state!;
  const { rows, kept, total } = edgeRecords(state.report, edge.conversations);
  const findings = edge.conversations.flatMap((i) => state.report.conversations[i]!.findings);
  const trace = state.trace?.result;
  return (
    <div className="traffic-detail" data-testid="traffic-detail">
      <h4>{nameOf(edge.source)} → {nameOf(edge.target)} {serviceOf(edge)}</h4>
      {findings.length > 0 && <ul className="warnings">{findings.map((f, i) => <li key={i} data-testid="traffic-finding">{shownText(f.text)}</li>)}</ul>}
      {trace && (
        <p data-testid="traffic-trace">
          The configuration: <strong className={trace.verdict}>{trace.verdict}</strong>
          {trace.blocked ? `, dropped at ${shownText(trace.blocked.name ? `${trace.blocked.name} (${trace.blocked.id})` : trace.blocked.id)} (${trace.blocked.code})` : ''}; the trace is drawn on the map.
        </p>
      )}
      {trace && <HopList forward={trace.forward} back={trace.return} highlighted={NO_HOPS} onHover={() => undefined} onSelect={(hop) => onFocusHop(hop.id)} />}
      {!trace && state.traceNote && <p className="muted" data-testid="traffic-trace-note">{shownText(state.traceNote)}</p>}
      <div className="traffic-records-wrap">
      <table className="rules traffic-records">
        <thead><tr><th>start</th><th>interface</th><th></th><th>from → to</th><th>packets</th><th>bytes</th><th>file:line</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.place}:${r.interfaceId}`} className={r.action === 'REJECT' ? 'bad' : ''} data-testid="traffic-record">
              <td className="mono">{r.time ?? '-'}</td>
              <td className="mono">{shownText(r.interfaceId)}</td>
              <td>{r.leg} {r.action}</td>
              <td className="mono">{shownText(r.from)} → {shownText(r.to)}</td>
              <td>{r.packets ?? '-'}</td>
              <td>{r.bytes ?? '-'}</td>
              <td className="mono">{shownText(r.place)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <p className="muted" data-testid="traffic-records-note">
        {total} record{total === 1 ? '' : 's'} in all; {rows.length < kept ? `the first ${rows.length} of ` : ''}{kept} kept (the first few of each kind per interface), oldest first.
      </p>
    </div>
  );
}
