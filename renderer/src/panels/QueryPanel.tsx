// Asking the question: from where, to where, which protocol and port.
import type { FlowRequest } from '../../../shared/api/reachmap-api.js';
import type { SearchEntry } from '../search.js';
import { EndpointField } from './EndpointField.js';

export interface QueryState {
  from: string;
  to: string;
  protocol: string;
  port: string;
  /** '' (the default: IPv4 unless an address says IPv6), 'ipv4' or 'ipv6': the API's family */
  family?: string;
}

interface Props {
  query: QueryState;
  index: SearchEntry[];
  picking: 'from' | 'to' | null;
  busy: boolean;
  onChange(query: QueryState): void;
  onPick(which: 'from' | 'to' | null): void;
  onRun(request: FlowRequest): void;
}

const PORTED = new Set(['tcp', 'udp']);

export function toRequest(query: QueryState): FlowRequest {
  const request: FlowRequest = { from: query.from.trim(), to: query.to.trim(), protocol: query.protocol };
  if (PORTED.has(query.protocol) && query.port.trim() !== '') request.port = Number(query.port);
  if (query.family) request.family = query.family;
  return request;
}

/** why Trace cannot run yet, said next to the button; null when it can */
export function missingForTrace(query: QueryState): string | null {
  if (query.from.trim() === '') return 'source needed';
  if (query.to.trim() === '') return 'destination needed';
  if (PORTED.has(query.protocol) && query.port.trim() === '') return `port needed for ${query.protocol}`;
  return null;
}

export function QueryPanel({ query, index, picking, busy, onChange, onPick, onRun }: Props) {
  const set = (patch: Partial<QueryState>) => onChange({ ...query, ...patch });
  const missing = missingForTrace(query);
  const ready = missing === null;
  return (
    <form
      className="query"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onRun(toRequest(query));
      }}
    >
      <EndpointField label="From" value={query.from} index={index} picking={picking === 'from'} testId="query-from"
        onChange={(from) => set({ from })} onPick={() => onPick(picking === 'from' ? null : 'from')} />
      <button type="button" className="btn swap" title="Swap" onClick={() => set({ from: query.to, to: query.from })}>⇅</button>
      <EndpointField label="To" value={query.to} index={index} picking={picking === 'to'} testId="query-to"
        onChange={(to) => set({ to })} onPick={() => onPick(picking === 'to' ? null : 'to')} />
      <div className="query-row">
        <label className="field">
          <span className="field-label">Protocol</span>
          <select value={query.protocol} onChange={(e) => set({ protocol: e.target.value })} data-testid="query-protocol">
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
            <option value="icmp">ICMP (ping)</option>
            <option value="all">All</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Family</span>
          <select value={query.family ?? ''} onChange={(e) => set({ family: e.target.value })} data-testid="query-family"
            title="IPv4 unless an IPv6 address says otherwise; with IPv6, internet is 2001:db8::1 and a dual-stack instance is traced by its IPv6 address">
            <option value="">Auto</option>
            <option value="ipv4">IPv4</option>
            <option value="ipv6">IPv6</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Port</span>
          <input value={PORTED.has(query.protocol) ? query.port : ''} disabled={!PORTED.has(query.protocol)} inputMode="numeric"
            onChange={(e) => set({ port: e.target.value.replace(/[^0-9]/g, '') })} placeholder="e.g. 443" data-testid="query-port" />
        </label>
        <button type="submit" className="btn primary run" disabled={!ready || busy} data-testid="query-run" title={missing ?? undefined}>
          {busy ? 'Tracing…' : 'Trace'}
        </button>
      </div>
      {missing && !busy && <p className="hint run-hint" data-testid="query-run-hint">{missing}</p>}
      {picking && <p className="hint">Click a node on the map to use it as the {picking === 'from' ? 'source' : 'destination'}.</p>}
    </form>
  );
}
