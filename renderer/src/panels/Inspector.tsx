// Everything about one component: state, addresses, tags, and its rules in
// evaluation order (security groups, ACL entries, routes).
import { useEffect, useState } from 'react';
import type { Inspection } from '../../../shared/api/inspect-types.js';
import type { ReachmapApi } from '../../../shared/api/reachmap-api.js';
import { shownText } from '../display.js';
import { AllowedBetween } from './AllowedBetween.js';

interface Props {
  api: ReachmapApi;
  id: string;
  /** the node selected before this one with shift (or ctrl) held: the inspector says what it can send to this one */
  pairFrom?: { id: string; name: string } | null;
  /** what to show instead of asking the API, for a node the snapshot does not hold (missing-inspection.ts) */
  local?: Inspection | null;
  onNavigate(id: string): void;
  onUseAs(which: 'from' | 'to', id: string): void;
  onDiagnose(id: string): void;
  onClose(): void;
}

const ENDPOINT_KINDS = new Set(['instance', 'eni', 'nat-gateway', 'vpc-endpoint', 'internet-gateway', 'internet']);
/** what `allowed` takes at both ends */
const PAIR_KINDS = new Set(['instance', 'eni', 'internet']);

export function Inspector({ api, id, pairFrom, local = null, onNavigate, onUseAs, onDiagnose, onClose }: Props) {
  const [state, setState] = useState<{ id: string; data?: Inspection; error?: string } | null>(null);
  useEffect(() => {
    let live = true;
    setState({ id });
    if (id === 'internet') {
      setState({ id, data: { id, kind: 'internet', name: 'Internet', facts: [{ label: 'address used', value: '198.51.100.1 (an internet host); 2001:db8::1 on IPv6' }], tags: {}, tables: [], related: [] } });
      return;
    }
    if (local) {
      setState({ id, data: local });
      return;
    }
    api.inspect(id).then(
      (data) => live && setState({ id, data }),
      (error: Error) => live && setState({ id, error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [api, id, local]);

  const data = state?.data;
  return (
    <section className="inspector" data-testid="inspector">
      <header>
        <div>
          <div className="eyebrow">{data?.kind ?? 'component'}</div>
          <h3 className="full-name">{shownText(data?.name ?? id)}</h3>
          {data?.name && <div className="mono sub">{shownText(id)}</div>}
        </div>
        <button type="button" className="btn icon" onClick={onClose} title="Close">×</button>
      </header>
      {state?.error && <p className="error-text">{state.error}</p>}
      {!data && !state?.error && <p className="muted">Loading…</p>}
      {data && (
        <>
          {ENDPOINT_KINDS.has(data.kind) && (
            <div className="actions">
              <button type="button" className="btn small" onClick={() => onUseAs('from', id)} data-testid="use-as-source">Use as source</button>
              <button type="button" className="btn small" onClick={() => onUseAs('to', id)} data-testid="use-as-destination">Use as destination</button>
              {(data.kind === 'instance' || data.kind === 'eni') && (
                <button type="button" className="btn small" onClick={() => onDiagnose(id)}>Diagnose</button>
              )}
            </div>
          )}
          {PAIR_KINDS.has(data.kind) && pairFrom && pairFrom.id !== id && (
            <AllowedBetween api={api} from={pairFrom.id} to={id} fromName={pairFrom.name} toName={data.name ?? id} />
          )}
          {PAIR_KINDS.has(data.kind) && !(pairFrom && pairFrom.id !== id) && (
            <p className="muted small" data-testid="allowed-hint">Shift-click another instance to see what this one can send to it.</p>
          )}
          <dl className="facts">
            {data.facts.map((fact) => (
              <div key={fact.label}>
                <dt>{fact.label}</dt>
                <dd>{fact.value}</dd>
              </div>
            ))}
          </dl>
          {Object.keys(data.tags).length > 0 && (
            <div className="tags">
              {Object.entries(data.tags).map(([k, v]) => (
                <span key={k} className="tag">
                  {k}={v}
                </span>
              ))}
            </div>
          )}
          {data.related.length > 0 && (
            <div className="related">
              {data.related.map((r) => (
                <button key={r.id} type="button" className="btn link small" onClick={() => onNavigate(r.id)}>
                  {r.label}
                </button>
              ))}
            </div>
          )}
          {data.tables.map((table) => (
            <div className="table-block" key={table.title}>
              <h4>{table.title}</h4>
              {table.note && <p className="note">{table.note}</p>}
              <table className="rules" data-testid={`table-${table.title}`}>
                <thead>
                  <tr>{table.columns.map((c) => <th key={c}>{c}</th>)}</tr>
                </thead>
                <tbody>
                  {table.rows.length === 0 && (
                    <tr><td colSpan={table.columns.length} className="muted">none</td></tr>
                  )}
                  {table.rows.map((row, i) => (
                    <tr key={i} className={row.includes('DENY') ? 'deny' : row.includes('ALLOW') ? 'allow' : ''}>
                      {row.map((cell, j) => <td key={j}>{cell}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
