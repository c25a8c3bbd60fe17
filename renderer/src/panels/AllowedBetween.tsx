// What one selected node can send to another (shift-click the second): every
// protocol and port that gets there and back, from the engine's
// allowedBetween through the one API, as `reachmap allowed` says it.
import { useEffect, useState } from 'react';
import { protocolPortsText } from '../../../shared/api/allowed-text.js';
import type { AllowedBetweenResult } from '../../../shared/api/allowed-types.js';
import type { ReachmapApi } from '../../../shared/api/reachmap-api.js';
import { shownText } from '../display.js';

interface Props {
  api: ReachmapApi;
  from: string;
  to: string;
  fromName: string;
  toName: string;
}

export function AllowedBetween({ api, from, to, fromName, toName }: Props) {
  const [state, setState] = useState<{ key: string; result?: AllowedBetweenResult; error?: string } | null>(null);
  const key = `${from} ${to}`;
  useEffect(() => {
    let live = true;
    setState({ key });
    api.allowed({ from, to }).then(
      (result) => live && setState({ key, result }),
      (error: Error) => live && setState({ key, error: error.message }),
    );
    return () => {
      live = false;
    };
  }, [api, from, to, key]);

  const result = state?.key === key ? state.result : undefined;
  const error = state?.key === key ? state.error : undefined;
  return (
    <div className="allowed-between" data-testid="allowed-between">
      <h4>
        What {shownText(fromName)} can send to {shownText(toName)}
      </h4>
      {error && <p className="error-text">{error}</p>}
      {!result && !error && <p className="muted">Tracing…</p>}
      {result && (
        <>
          {result.reachable.length === 0 ? (
            <p>Nothing gets through and back.</p>
          ) : (
            <ul data-testid="allowed-reachable">
              {result.reachable.map((item) => (
                <li key={`${item.protocol} ${protocolPortsText(item)}`} className="mono">{protocolPortsText(item, shownText)}</li>
              ))}
            </ul>
          )}
          {result.unknown.length > 0 && (
            <>
              <p className="muted">Cannot be judged from the snapshot (unknown):</p>
              <ul>
                {result.unknown.map((item) => (
                  <li key={`${item.protocol} ${protocolPortsText(item)}`} className="mono">{protocolPortsText(item, shownText)}</li>
                ))}
              </ul>
            </>
          )}
          <p className="muted small">
            Everything else is dropped on the way there or back ({result.traces} traces, source port {result.sourcePort}). Trace one port to see where it stops.
          </p>
        </>
      )}
    </div>
  );
}
