// The flow-log overlay's state for the main screen: the files asked for, the
// answer (for the whole window, and for the time filter when narrowed), the
// weight, the edge selected and the engine's trace of its conversation.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FlowLogsReport } from '../../../shared/api/flowlogs/report-types.js';
import type { FlowLogsRequest, FlowRequest, ReachmapApi } from '../../../shared/api/reachmap-api.js';
import { anchorResult } from '../map/path-anchors.js';
import type { AnchoredResult } from '../map/overlay.js';
import type { GraphIndex, VisibleGraph } from '../map/visible-graph.js';
import { trafficEdges, type TrafficEdge, type TrafficEdges, type WeightBy } from './traffic-edges.js';
import { edgeOfLine, trafficOverlay, type TrafficOverlay } from './traffic-overlay.js';
import { protocolName } from '../../../shared/api/flowlogs/protocols.js';

export interface TrafficState {
  /** the files, as asked (without the time filter) */
  request: FlowLogsRequest;
  report: FlowLogsReport;
  /** the records' whole window (ISO), from the answer without a filter */
  fullWindow: { start: string; end: string } | null;
  weightBy: WeightBy;
  selected: string | null;
  /** the selected edge's conversation traced by the engine, anchored on the map */
  trace: AnchoredResult | null;
  /** why there is no trace, where there is none */
  traceNote: string | null;
}

export interface Traffic {
  state: TrafficState | null;
  busy: boolean;
  error: string | null;
  edges: TrafficEdges | null;
  overlay: TrafficOverlay | null;
  /** read the files (the whole window) */
  load(request: FlowLogsRequest): Promise<void>;
  /** ask again for a time window (null: the whole one) */
  filter(window: { start: string; end: string } | null): Promise<void>;
  weigh(by: WeightBy): void;
  select(edgeId: string | null): Promise<void>;
  clear(): void;
}

/** the flow the engine traced for the edge's conversation, as `analyze` takes it */
function flowOf(report: FlowLogsReport, edge: TrafficEdge): FlowRequest | null {
  const candidates = edge.conversations.map((i) => report.conversations[i]!).filter((c) => c.model !== null);
  // the conversation whose REJECT the configuration explains, else the first traced
  const chosen = candidates.find((c) => c.findings.some((f) => f.kind === 'reject-explained')) ?? candidates[0];
  if (!chosen?.model) return null;
  const flow = chosen.model.flow;
  const ported = flow.protocol === 'tcp' || flow.protocol === 'udp';
  return {
    from: flow.from,
    to: flow.to,
    protocol: flow.protocol,
    ...(ported && flow.port !== null ? { port: flow.port } : {}),
    ...(ported && flow.sourcePort !== null ? { sourcePort: flow.sourcePort } : {}),
    ...(flow.family ? { family: flow.family } : {}),
  };
}

/** `snapshot`: the open snapshot's label; another one drops the answer, which was about the one before */
export function useTraffic(api: ReachmapApi | Error, index: GraphIndex | null, visible: VisibleGraph | null, snapshot: string | null): Traffic {
  const [state, setState] = useState<TrafficState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setState(null);
    setError(null);
  }, [snapshot]);

  const edges = useMemo(() => (state && index ? trafficEdges(state.report, index, state.weightBy) : null), [state?.report, state?.weightBy, index]);
  const overlay = useMemo(() => (state && edges && visible ? trafficOverlay(visible, edges.edges, state.weightBy, state.selected) : null), [edges, visible, state?.weightBy, state?.selected]);

  const ask = useCallback(
    async (request: FlowLogsRequest, keep: TrafficState | null) => {
      if (api instanceof Error) return;
      setBusy(true);
      setError(null);
      try {
        const report = await api.flowLogs(request);
        const { window: _window, ...files } = request;
        setState({
          request: files,
          report,
          fullWindow: keep ? keep.fullWindow : report.window,
          weightBy: keep?.weightBy ?? 'bytes',
          selected: null,
          trace: null,
          traceNote: null,
        });
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [api],
  );

  const select = useCallback(
    async (edgeId: string | null) => {
      if (!state || api instanceof Error || !index) return;
      // a bundle drawn for several services between two ends stands for one of them
      const chosen = edgeId && edges ? edgeOfLine(overlay, edges.edges, edgeId) : null;
      const edge = chosen ? edges?.edges.find((e) => e.id === chosen) : undefined;
      if (!edge) {
        setState({ ...state, selected: null, trace: null, traceNote: null });
        return;
      }
      const flow = flowOf(state.report, edge);
      if (!flow) {
        const notes = edge.conversations.map((i) => state.report.conversations[i]!.note).filter((n): n is string => Boolean(n));
        setState({ ...state, selected: edge.id, trace: null, traceNote: notes[0] ?? `${protocolName(edge.protocol)} between these ends was not traced` });
        return;
      }
      setState({ ...state, selected: edge.id, trace: null, traceNote: null });
      try {
        const result = await api.analyze(flow);
        const anchors = anchorResult(index, result);
        setState((now) => (now && now.selected === edge.id ? { ...now, trace: { result, forward: anchors.forward.anchors, back: anchors.return?.anchors ?? null } } : now));
      } catch (e) {
        setState((now) => (now && now.selected === edge.id ? { ...now, traceNote: `not traced: ${(e as Error).message}` } : now));
      }
    },
    [api, index, state, edges, overlay],
  );

  return {
    state,
    busy,
    error,
    edges,
    overlay,
    load: (request) => ask(request, null),
    filter: async (window) => {
      if (!state) return;
      await ask(window ? { ...state.request, window } : state.request, state);
    },
    weigh: (by) => setState((now) => (now ? { ...now, weightBy: by } : now)),
    select,
    clear: () => {
      setState(null);
      setError(null);
    },
  };
}
