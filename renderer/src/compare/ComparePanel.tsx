// Compare with…: the open snapshot against another one (a file, or in the
// desktop app an earlier live snapshot of its history). Lists what broke or
// was fixed (intents, the flow on screen, exposure, problems), then every
// component change; selecting one shows its edits before and after and finds
// it on the map, where changes are marked (diff-marks.ts).
import { useEffect, useState } from 'react';
import type { DiffReport } from '../../../shared/api/diff/types.js';
import type { CompareRequest, FlowRequest, HistoryList, ReachmapApi } from '../../../shared/api/reachmap-api.js';
import { shownText } from '../display.js';
import { SIGN, changeHeading, editWhat, flipBadge, valueWords } from './change-text.js';

/** a list of thousands would stall the panel: the first ones, and the count */
const MAX_LISTED = 300;

interface DesktopCompare {
  chooseCompareFile(kind: 'snapshot' | 'intents'): Promise<string | null>;
}

function desktopOf(api: ReachmapApi): DesktopCompare | null {
  const bridge = api as Partial<DesktopCompare>;
  return typeof bridge.chooseCompareFile === 'function' ? (bridge as DesktopCompare) : null;
}

export interface CompareState {
  request: CompareRequest;
  report: DiffReport;
}

export function ComparePanel({ api, flow, onResult, onFocus, current }: {
  api: ReachmapApi;
  /** the flow on screen, compared too */
  flow: FlowRequest | null;
  onResult(state: CompareState | null): void;
  onFocus(id: string): void;
  current: CompareState | null;
}) {
  const desktop = desktopOf(api);
  const [path, setPath] = useState(current?.request.path ?? '');
  const [historyId, setHistoryId] = useState(current?.request.historyId ?? '');
  const [otherIs, setOtherIs] = useState<'old' | 'new'>(current?.request.otherIs ?? 'old');
  const [intents, setIntents] = useState(current?.request.intents ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryList | null>(null);
  const [keep, setKeep] = useState('');
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    // the web face keeps no history: the call says so, and the list stays hidden
    api.history().then((list) => { setHistory(list); setKeep(String(list.keep)); }, () => setHistory(null));
  }, [api]);

  async function compare(request: CompareRequest) {
    setBusy(true);
    setError(null);
    setSelected(null);
    try {
      const report = await api.compareWith({ ...request, ...(flow ? { flow } : {}) });
      onResult({ request, report });
    } catch (e) {
      setError((e as Error).message);
      onResult(null);
    } finally {
      setBusy(false);
    }
  }

  function requestOf(): CompareRequest | null {
    const base = { otherIs, ...(intents.trim() ? { intents: intents.trim() } : {}) };
    if (historyId) return { historyId, ...base };
    return path.trim() ? { path: path.trim(), ...base } : null;
  }

  async function choose(kind: 'snapshot' | 'intents') {
    if (!desktop) return;
    try {
      const chosen = await desktop.chooseCompareFile(kind);
      if (chosen === null) return;
      if (kind === 'snapshot') { setPath(chosen); setHistoryId(''); } else setIntents(chosen);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function prune() {
    const count = Number(keep);
    if (!Number.isInteger(count) || count < 1) return;
    try {
      setHistory(await api.pruneHistory(count));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const report = current?.report;
  const request = requestOf();
  const change = report && selected !== null ? report.changes[selected] : undefined;
  const flips = [...(report?.intents?.flipped ?? []), ...(report?.flow && report.flow.effect !== 'unchanged' ? [report.flow] : [])];

  return (
    <section className="compare" data-testid="compare">
      <form className="query" onSubmit={(e) => { e.preventDefault(); if (request) void compare(request); }}>
        <label className="field"><span className="field-label">The other snapshot</span>
          <input value={historyId ? `history: ${historyId}` : path} onChange={(e) => { setPath(e.target.value); setHistoryId(''); }}
            placeholder="/path/to/other-snapshot.json or folder" spellCheck={false} readOnly={desktop !== null} data-testid="compare-path" /></label>
        {desktop && <button type="button" className="btn" onClick={() => void choose('snapshot')} data-testid="compare-choose">Choose file…</button>}
        <label className="field"><span className="field-label">It is</span>
          <select value={otherIs} onChange={(e) => setOtherIs(e.target.value === 'new' ? 'new' : 'old')} data-testid="compare-other-is">
            <option value="old">the earlier one (what changed since)</option>
            <option value="new">the later one (what will change)</option>
          </select></label>
        <label className="field"><span className="field-label">Intents file (optional)</span>
          <input value={intents} onChange={(e) => setIntents(e.target.value)} placeholder="intents.yaml: list the intents that flip" spellCheck={false} readOnly={desktop !== null} data-testid="compare-intents" /></label>
        {desktop && <button type="button" className="btn ghost" onClick={() => void choose('intents')}>Choose intents…</button>}
        <button type="submit" className="btn primary run" disabled={!request || busy} data-testid="compare-run">{busy ? 'Comparing…' : 'Compare'}</button>
      </form>
      {history && (
        <div className="compare-history" data-testid="compare-history">
          <h4>Earlier live snapshots</h4>
          {history.entries.length === 0 && <p className="muted">None kept yet: each live snapshot is kept here.</p>}
          <ul>
            {history.entries.map((entry) => (
              <li key={entry.id}>
                <button type="button" className={`linklike ${historyId === entry.id ? 'active' : ''}`} onClick={() => { setHistoryId(entry.id); setPath(''); }}>
                  {shownText(entry.takenAt)} · {shownText(entry.profile ?? 'default')} · {entry.accounts.length} account{entry.accounts.length === 1 ? '' : 's'}, {entry.regions.map((r) => shownText(r.region)).join(', ')}
                </button>
              </li>
            ))}
          </ul>
          <label className="field inline"><span className="field-label">Keep the newest</span>
            <input value={keep} onChange={(e) => setKeep(e.target.value.replace(/[^0-9]/g, ''))} size={4} data-testid="history-keep" />
            <button type="button" className="btn ghost" onClick={() => void prune()} disabled={!keep}>Prune</button></label>
        </div>
      )}
      {error && <p className="error-text" data-testid="compare-error">{error}</p>}
      {report && (
        <div className="compare-result">
          <p className="summary" data-testid="compare-summary">
            {report.changes.length === 0 ? 'No component changed' : `${report.changes.length} component${report.changes.length === 1 ? '' : 's'} changed`}
            {' '}({report.summary.added} added, {report.summary.removed} removed, {report.summary.modified} modified) from <span className="mono">{shownText(report.old.label)}</span> to <span className="mono">{shownText(report.new.label)}</span>
          </p>
          {(flips.length > 0 || (report.exposure && report.exposure.opened.length + report.exposure.closed.length > 0) || (report.problems && report.problems.new.length + report.problems.resolved.length > 0)) && (
            <div className="compare-effects" data-testid="compare-effects">
              <h4>Broke or fixed</h4>
              <ul>
                {flips.slice(0, MAX_LISTED).map((flip) => (
                  <li key={`${flip.id}:${flip.from}:${flip.to}`} className={`flip ${flip.effect}`} data-testid="compare-flip">
                    <span className={`pill ${flip.effect === 'broke' ? 'bad' : flip.effect === 'fixed' ? 'ok' : 'warn'}`}>{flipBadge(flip)}</span> {shownText(flip.text)}
                    {flip.causes[0] && (
                      <button type="button" className="linklike" onClick={() => { const i = report.changes.indexOf(report.changes.find((c) => c.id === flip.causes[0]!.change.id && c.key === flip.causes[0]!.change.key)!); if (i >= 0) setSelected(i); onFocus(flip.causes[0]!.change.id); }}>show the change</button>
                    )}
                  </li>
                ))}
                {report.exposure?.opened.slice(0, MAX_LISTED).map((o) => <li key={`o:${o.eni}:${o.protocol}:${JSON.stringify(o.ports)}`} data-testid="compare-exposure"><span className="pill bad">exposed</span> {shownText(o.text)}</li>)}
                {report.exposure?.closed.slice(0, MAX_LISTED).map((o) => <li key={`c:${o.eni}:${o.protocol}:${JSON.stringify(o.ports)}`} data-testid="compare-exposure"><span className="pill ok">closed</span> {shownText(o.text)}</li>)}
                {report.problems?.new.slice(0, MAX_LISTED).map((p) => <li key={`p:${p.id}`}><span className="pill bad">new {p.severity}</span> {shownText(p.title)}</li>)}
                {report.problems?.resolved.slice(0, MAX_LISTED).map((p) => <li key={`r:${p.id}`}><span className="pill ok">resolved</span> {shownText(p.title)}</li>)}
              </ul>
            </div>
          )}
          <h4>Changes</h4>
          <ul className="compare-changes">
            {report.changes.slice(0, MAX_LISTED).map((c, i) => (
              <li key={`${c.account}:${c.region}:${c.key}:${c.id}`}>
                <button type="button" className={`change ${c.change} ${selected === i ? 'active' : ''}`} onClick={() => { setSelected(i); onFocus(c.id); }} data-testid="compare-change" data-change={c.change} data-id={c.id}>
                  <span className="sign">{SIGN[c.change]}</span> {changeHeading(c)}
                  {c.change === 'modified' && <span className="muted"> · {c.edits.length} edit{c.edits.length === 1 ? '' : 's'}</span>}
                </button>
              </li>
            ))}
          </ul>
          {report.changes.length > MAX_LISTED && <p className="muted">The first {MAX_LISTED} of {report.changes.length} are listed; <code>reachmap diff --json</code> holds them all.</p>}
          {change && (
            <div className="compare-detail" data-testid="compare-detail">
              <h4>{changeHeading(change)}</h4>
              <table className="rules">
                <thead><tr><th>what</th><th>before</th><th>after</th></tr></thead>
                <tbody>
                  {change.change === 'added' && <tr><td>component</td><td>—</td><td>created</td></tr>}
                  {change.change === 'removed' && <tr><td>component</td><td>present</td><td>deleted</td></tr>}
                  {change.edits.map((edit, i) => (
                    <tr key={i} data-testid="compare-edit">
                      <td>{editWhat(edit)}</td>
                      <td className="mono">{valueWords(edit.before)}</td>
                      <td className="mono">{valueWords(edit.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.notCompared.length > 0 && (
            <div className="compare-skipped">
              <h4>Not compared</h4>
              <ul className="warnings">{report.notCompared.map((n, i) => <li key={i}>{shownText(n.reason)}</li>)}</ul>
            </div>
          )}
          {report.warnings.length > 0 && <ul className="warnings">{report.warnings.map((w) => <li key={w}>{shownText(w)}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}
