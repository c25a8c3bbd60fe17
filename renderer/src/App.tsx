// The main screen: the map in the middle, the question and its answer on the
// left (or exposure / diagnose), the inspector on the right.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Graph, ReachmapApi, SnapshotSummary, FlowRequest } from '../../shared/api/reachmap-api.js';
import type { ExposureReport } from '../../shared/api/exposure-types.js';
import type { DiagnoseReport } from '../../shared/api/diagnose-types.js';
import { getApi } from './bridge/api.js';
import { useMenuActions } from './bridge/useMenuActions.js';
import { MapView, type FrameRequest, type MapHandle, type PinRequest } from './map/MapView.js';
import { countInside } from './map/cards.js';
import { buildVisibleGraph, indexGraph, ancestorsOf, type GraphIndex } from './map/visible-graph.js';
import { insidePlace, placeOptions } from './map/place-filter.js';
import { computeLayout } from './map/layout.js';
import { buildElements } from './map/elements.js';
import { layoutCacheKey, readCachedLayout, writeCachedLayout } from './map/layout-cache.js';
import { chooseRenderer } from './map/renderer-choice.js';
import { anchorResult } from './map/path-anchors.js';
import { buildOverlay, dropNode, hopNode, type AnchoredResult } from './map/overlay.js';
import { buildSearchIndex } from './search.js';
import { QueryPanel, type QueryState } from './panels/QueryPanel.js';
import { DropCard } from './panels/DropCard.js';
import { SaveIntentButton } from './panels/SaveIntentButton.js';
import { HopList, type HopRef } from './panels/HopList.js';
import { Inspector } from './panels/Inspector.js';
import { ExposurePanel } from './panels/ExposurePanel.js';
import { DiagnosePanel } from './panels/DiagnosePanel.js';
import { ProblemsPanel } from './panels/ProblemsPanel.js';
import type { Problem, ProblemsReport } from '../../shared/api/problems-types.js';
import { problemNodes } from './map/problem-nodes.js';
import { Toolbar, type FilterState } from './panels/Toolbar.js';
import { EmptyState, ErrorState, Loading } from './panels/States.js';
import { OpenSnapshot } from './panels/OpenSnapshot.js';
import { LiveSnapshot } from './panels/LiveSnapshot.js';
import { componentTitle } from './panels/format.js';
import { missingInspection } from './panels/missing-inspection.js';
import { normalKind } from './map/kinds.js';
import { ExportButton } from './report/ExportButton.js';
import { questionOnScreen } from './report/question.js';
import type { AnalyzeResult, Fix, FlowQuery } from '../../shared/api/analysis-types.js';
import { changeSetText, type ChangeSet } from '../../shared/api/changes.js';
import { EditsBar } from './edits/EditsBar.js';
import { editedNodes, fixTrial, pileScript, trialSource } from './edits/tried-fixes.js';
import { downloadBlob } from './download.js';
import { ComparePanel, type CompareState } from './compare/ComparePanel.js';
import { diffMarks, nodesOfChange } from './compare/diff-marks.js';
import { FlowLogsPanel } from './flowlogs/FlowLogsPanel.js';
import { useTraffic } from './flowlogs/useTraffic.js';
import { withTraffic } from './flowlogs/traffic-overlay.js';

type Tab = 'trace' | 'exposure' | 'diagnose' | 'problems' | 'compare' | 'traffic';

/** the flow an answer is about, as the API takes it again */
function requestOf(query: FlowQuery): FlowRequest {
  return { from: query.from, to: query.to, protocol: query.protocol, ...(query.port !== null ? { port: query.port } : {}), sourcePort: query.sourcePort, ...(query.family ? { family: query.family } : {}) };
}

function sameFlow(a: FlowQuery, b: FlowQuery): boolean {
  return a.from === b.from && a.to === b.to && a.protocol === b.protocol && a.port === b.port && a.sourcePort === b.sourcePort && a.family === b.family;
}

interface DesktopSave {
  saveChangeSet(): Promise<{ saved: boolean; fileName: string | null }>;
}

function desktopSave(api: ReachmapApi): DesktopSave | null {
  const bridge = api as Partial<DesktopSave>;
  return typeof bridge.saveChangeSet === 'function' ? (bridge as DesktopSave) : null;
}

interface Loaded {
  summary: SnapshotSummary;
  graph: Graph;
  index: GraphIndex;
  large: boolean;
}

/** above this many ENIs the map opens with subnets closed, and draws for speed rather than finish */
const LARGE_ENIS = 1500;
/** above this many nodes the map opens with VPCs closed */
const HUGE_NODES = 40000;

function initialCollapse(graph: Graph, index: GraphIndex, level: 'subnets' | 'vpcs' | 'none'): Set<string> {
  if (level === 'none') return new Set();
  const kind = level === 'subnets' ? 'subnet' : 'vpc';
  return new Set(graph.nodes.filter((n) => normalKind(n.kind) === kind && (index.children.get(n.id)?.length ?? 0) > 0).map((n) => n.id));
}

function tagMatcher(text: string): ((tags: unknown) => boolean) | null {
  const [key, value] = text.split('=').map((s) => s.trim());
  if (!key) return null;
  return (tags) => {
    if (!tags || typeof tags !== 'object') return false;
    const v = (tags as Record<string, unknown>)[key];
    return value === undefined || value === '' ? v !== undefined : v === value;
  };
}

export function App() {
  const api = useMemo<ReachmapApi | Error>(() => {
    try {
      return getApi();
    } catch (error) {
      return error as Error;
    }
  }, []);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [status, setStatus] = useState<{ kind: 'loading' | 'error' | 'ready'; message?: string }>({ kind: 'loading' });
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<FilterState>({ account: null, region: null, vpc: null, hiddenKinds: new Set(), tag: '' });
  const [tab, setTab] = useState<Tab>('trace');
  const [selected, setSelected] = useState<string | null>(null);
  /** two nodes, the second shift-clicked: while `to` is the one inspected, the inspector says what `from` can send to it */
  const [pair, setPair] = useState<{ from: string; to: string } | null>(null);
  const [query, setQuery] = useState<QueryState>({ from: '', to: '', protocol: 'tcp', port: '' });
  const [picking, setPicking] = useState<'from' | 'to' | null>(null);
  const [answer, setAnswer] = useState<AnchoredResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [askError, setAskError] = useState<string | null>(null);
  const [hoveredHop, setHoveredHop] = useState<HopRef | null>(null);
  const [hoveredNode, setHoveredNode] = useState<string | null>(null);
  const [exposure, setExposure] = useState<{ report?: ExposureReport; error?: string } | null>(null);
  /** `family`: '' lets the machine decide (IPv4 unless it has only IPv6), else 'ipv4' or 'ipv6' as diagnose --family */
  const [diagnosis, setDiagnosis] = useState<{ target: string; port: string; family: string; result?: DiagnoseReport; error?: string; busy?: boolean }>({ target: '', port: '', family: '' });
  const [problems, setProblems] = useState<{ report?: ProblemsReport; error?: string } | null>(null);
  /** the problem shown on the map */
  const [problemShown, setProblemShown] = useState<string | null>(null);
  const [liveOpen, setLiveOpen] = useState(false);
  /** Compare with…: the other snapshot asked for and the comparison (null: none) */
  const [comparison, setComparison] = useState<CompareState | null>(null);
  /** the edits tried on the map, as the service holds them (null: none) */
  const [pile, setPile] = useState<ChangeSet | null>(null);
  /** the answer on the snapshot as opened, kept when the first fix is tried: the report's and the panel's "before" */
  const [original, setOriginal] = useState<AnalyzeResult | null>(null);
  const [trying, setTrying] = useState<{ busy: boolean; error: string | null; status: string | null }>({ busy: false, error: null, status: null });
  const map = useRef<MapHandle>(null);
  const renderer = useMemo(chooseRenderer, []);
  /** graph node ids to show whole once the map has them (a trace's path, the exposed interfaces) */
  const [frameRequest, setFrameRequest] = useState<{ n: number; ids: string[] } | null>(null);
  /** bumped to fit the whole map again once it is laid out (after collapsing every box) */
  const [fitCount, setFitCount] = useState(0);
  /** the box last opened or closed by a double-click, kept in place on screen */
  const [pin, setPin] = useState<PinRequest | null>(null);
  const frameIds = useCallback((ids: string[]) => setFrameRequest((last) => ({ n: (last?.n ?? 0) + 1, ids })), []);

  const load = useCallback(
    async (open: { path?: string } | null) => {
      if (api instanceof Error) return;
      setStatus({ kind: 'loading' });
      try {
        performance.mark('reachmap:load-start');
        const summary = open ? await api.openSnapshot(open.path) : ((await api.currentSnapshot()) ?? (await api.openSnapshot(undefined)));
        const graph = await api.graph();
        // edits survive a reload of the page (the service holds them), not the opening of another snapshot
        setPile(summary.changes ? await api.changes() : null);
        setOriginal(null);
        setTrying({ busy: false, error: null, status: null });
        performance.mark('reachmap:graph-received');
        const index = indexGraph(graph);
        const enis = graph.nodes.filter((n) => normalKind(n.kind) === 'eni').length || summary.counts.enis;
        const large = enis > LARGE_ENIS;
        setCollapsed(initialCollapse(graph, index, graph.nodes.length > HUGE_NODES ? 'vpcs' : large ? 'subnets' : 'none'));
        setFilter({ account: null, region: null, vpc: null, hiddenKinds: new Set(), tag: '' });
        setAnswer(null);
        setExposure(null);
        setProblems(null);
        setProblemShown(null);
        setComparison(null);
        setSelected(null);
        setLoaded({ summary, graph, index, large });
        setStatus({ kind: 'ready' });
      } catch (error) {
        setStatus({ kind: 'error', message: (error as Error).message });
      }
    },
    [api],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const visible = useMemo(
    () => (loaded ? buildVisibleGraph(loaded.graph, loaded.index, collapsed, { account: filter.account, region: filter.region, vpc: filter.vpc, hiddenKinds: filter.hiddenKinds }) : null),
    [loaded, collapsed, filter.account, filter.region, filter.vpc, filter.hiddenKinds],
  );

  /** Traffic: flow logs read against this snapshot, drawn over the map (reset when another snapshot opens) */
  const traffic = useTraffic(api, loaded?.index ?? null, visible, loaded?.summary.label ?? null);

  /** what each box holds, for its card */
  const inside = useMemo(() => (loaded ? countInside(loaded.index) : null), [loaded]);

  const elements = useMemo(() => {
    if (!loaded || !visible) return [];
    // an edit may add a node (a new NAT gateway): the layout of the edited graph is its own
    const view = JSON.stringify([[...collapsed].sort(), filter.vpc, [...filter.hiddenKinds].sort(), loaded.graph.nodes.length, ...(filter.account || filter.region ? [filter.account, filter.region] : [])]);
    const key = layoutCacheKey(loaded.summary.hash, view);
    let layout = readCachedLayout(key);
    if (!layout) {
      layout = computeLayout(visible);
      writeCachedLayout(key, layout);
    }
    return buildElements(visible, layout, loaded.large, inside ?? undefined);
  }, [loaded, visible, collapsed, filter.vpc, filter.hiddenKinds, filter.account, filter.region, inside]);

  const frame = useMemo<FrameRequest | null>(() => {
    if (!frameRequest || !visible) return null;
    const ids = [...new Set(frameRequest.ids.map((id) => visible.standIn(id)).filter((id): id is string => Boolean(id)))];
    return { key: String(frameRequest.n), ids };
  }, [frameRequest, visible]);

  const searchIndex = useMemo(() => {
    if (!loaded) return [];
    const entries = buildSearchIndex(loaded.graph.nodes);
    if (!entries.some((e) => e.id === 'internet')) entries.push({ id: 'internet', kind: 'internet', name: 'internet', hints: ['198.51.100.1'], haystack: 'internet' });
    return entries;
  }, [loaded]);

  const dimmed = useMemo(() => {
    const match = tagMatcher(filter.tag);
    if (!match || !visible) return null;
    const out = new Set<string>();
    for (const node of visible.nodes.values()) if (!node.container && !match(node.data.tags)) out.add(node.id);
    return out;
  }, [filter.tag, visible]);

  /** how many components of the network carry the filtered tag, shown or inside a closed box (null: no tag filter) */
  const tagMatches = useMemo(() => {
    const match = tagMatcher(filter.tag);
    if (!match || !loaded) return null;
    return loaded.graph.nodes.filter((node) => match(node.data?.tags)).length;
  }, [filter.tag, loaded]);

  const exposedIds = useMemo(() => {
    if (tab !== 'exposure' || !exposure?.report) return [];
    return exposure.report.exposed.flatMap((e) => [e.eni, ...(e.instance ? [e.instance] : [])]);
  }, [tab, exposure]);

  // The diagnosed instance, and the component its first failing check names (a group or ACL is drawn on the ENI or subnet that uses it).
  const diagnoseMarks = useMemo<[string, string][]>(() => {
    if (tab !== 'diagnose' || !loaded) return [];
    const report = diagnosis.result;
    if (!report) return [];
    const { eni, subnet } = report.target;
    const marks: [string, string][] = [[eni, 'endpoint']];
    const failing = report.checks.find((c) => c.id === report.firstFailure?.id)?.component;
    if (failing) {
      const onMap = loaded.index.byId.has(failing.id) ? failing.id : failing.kind === 'security-group' ? eni : subnet;
      if (onMap) marks.push([onMap, 'drop']);
    }
    return marks;
  }, [tab, loaded, diagnosis.result]);

  // What the edits tried touch, and where the flow was dropped before them when it no longer is (green where it was red).
  const editMarks = useMemo<[string, string][]>(() => {
    if (!loaded || !pile) return [];
    const marks: [string, string][] = editedNodes(loaded.index, pile.changes).map((id) => [id, 'edited']);
    const before = original?.blocked;
    if (tab === 'trace' && before && answer && sameFlow(original.query, answer.result.query) && answer.result.blocked?.id !== before.id) {
      const anchors = anchorResult(loaded.index, original);
      const leg = before.direction === 'return' ? anchors.return?.anchors : anchors.forward.anchors;
      const at = leg?.[leg.length - 1];
      if (at) marks.push([at, 'repaired']);
    }
    return marks;
  }, [loaded, pile, original, answer, tab]);

  // The problem shown: its component and what it involves, where they are drawn.
  const problemMarks = useMemo<[string, string][]>(() => {
    if (tab !== 'problems' || !loaded || !problemShown) return [];
    const problem = problems?.report?.problems.find((p) => p.id === problemShown);
    return problem ? problemNodes(loaded.index, problem).map((id): [string, string] => [id, 'problem']) : [];
  }, [tab, loaded, problems, problemShown]);

  // Compare with…: the components that changed, marked where this map draws them
  const compareMarks = useMemo<[string, string][]>(
    () => (loaded && comparison && tab === 'compare' ? diffMarks(loaded.index, comparison.report.changes) : []),
    [loaded, comparison, tab],
  );

  // Traffic (flow logs): the observed edges, the components that explain REJECTs, and the selected edge's trace
  const trafficShown = tab === 'traffic' ? traffic.overlay : null;
  const overlay = useMemo(
    () => (visible ? withTraffic(buildOverlay({ graph: visible, answer: tab === 'trace' ? answer : tab === 'traffic' ? traffic.state?.trace ?? null : null, hoveredHop, exposed: exposedIds, dimmed, focusNode: hoveredNode ?? selected, marks: [...diagnoseMarks, ...editMarks, ...problemMarks, ...compareMarks, ...(trafficShown?.nodeClasses ?? [])], routesOnDemand: loaded?.large ?? false }), trafficShown) : buildOverlay({ graph: { nodes: new Map(), roots: [], edges: [], standIn: () => undefined }, answer: null, hoveredHop: null, exposed: [], dimmed: null, focusNode: null })),
    [visible, answer, tab, hoveredHop, exposedIds, dimmed, hoveredNode, selected, diagnoseMarks, editMarks, problemMarks, compareMarks, trafficShown, traffic.state?.trace],
  );

  const script = useMemo(
    () => (loaded && pile ? pileScript(pile, loaded.summary.changes?.sources ?? [], loaded.index, loaded.summary.source.profile) : ''),
    [loaded, pile],
  );

  const highlightedHops = useMemo(() => {
    const out = new Set<string>();
    if (!answer || !visible || !hoveredNode) return out;
    answer.forward.forEach((_, i) => hopNode(visible, answer, 'forward', i) === hoveredNode && out.add(`forward:${i}`));
    answer.back?.forEach((_, i) => hopNode(visible, answer, 'return', i) === hoveredNode && out.add(`return:${i}`));
    return out;
  }, [answer, visible, hoveredNode]);

  const callout = useMemo(() => {
    const shown = tab === 'trace' ? answer : tab === 'traffic' ? traffic.state?.trace ?? null : null;
    if (!shown?.result.blocked || !visible) return null;
    const nodeId = dropNode(visible, shown);
    const b = shown.result.blocked;
    // the Name first, the id second, as everywhere
    return nodeId ? { nodeId, code: b.code, title: componentTitle(b.kind, b.id, b.name) } : null;
  }, [answer, visible, tab, traffic.state?.trace]);

  /** open every collapsed container above these nodes, so that they can be seen */
  const reveal = useCallback(
    (ids: string[]) => {
      if (!loaded) return;
      const above = new Set(ids.flatMap((id) => ancestorsOf(loaded.index, id)));
      if ([...above].some((id) => collapsed.has(id))) setCollapsed(new Set([...collapsed].filter((id) => !above.has(id))));
      const hiddenByPlace = ids.some((id) => !insidePlace(loaded.index, id, ancestorsOf(loaded.index, id), filter));
      if (filter.vpc && ids.some((id) => !above.has(filter.vpc!) && id !== filter.vpc)) setFilter({ ...filter, vpc: null, ...(hiddenByPlace ? { account: null, region: null } : {}) });
      else if (hiddenByPlace) setFilter({ ...filter, account: null, region: null });
    },
    [loaded, collapsed, filter],
  );

  const focus = useCallback(
    (id: string) => {
      reveal([id]);
      setSelected(id);
      // Let the map take the revealed elements before centring on one.
      setTimeout(() => map.current?.focus(id), 50);
    },
    [reveal],
  );

  async function runQuery(request: FlowRequest, index: GraphIndex | undefined = loaded?.index) {
    if (api instanceof Error || !loaded || !index) return;
    setBusy(true);
    setAskError(null);
    setHoveredHop(null);
    try {
      // The engine takes ids and addresses; a name typed here is the map's own name for a node.
      const byName = (text: string) => {
        const matches = searchIndex.filter((e) => e.name.toLowerCase() === text.toLowerCase() && e.id !== text);
        return matches.length === 1 ? matches[0]!.id : text;
      };
      const result = await api.analyze({ ...request, from: byName(request.from), to: byName(request.to) });
      const anchors = anchorResult(index, result);
      const answerNow: AnchoredResult = { result, forward: anchors.forward.anchors, back: anchors.return?.anchors ?? null };
      setAnswer(answerNow);
      const onPath = [...answerNow.forward, ...(answerNow.back ?? [])].filter((a): a is string => a !== null);
      reveal(onPath);
      frameIds(onPath);
    } catch (error) {
      setAnswer(null);
      setAskError((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  /** The service's answer to an edit: the summary and graph of the edited snapshot, the pile, and the question asked again. */
  async function showEdited(summary: SnapshotSummary) {
    if (api instanceof Error || !loaded) return;
    const graph = await api.graph();
    const index = indexGraph(graph);
    const changes = summary.changes ? await api.changes() : null;
    setLoaded({ ...loaded, summary, graph, index });
    setPile(changes);
    if (!changes) setOriginal(null);
    // answers computed on the previous edits are stale: the one on screen is asked again
    setExposure(null);
    if (diagnosis.result && tab === 'diagnose') await runDiagnose(diagnosis.target, diagnosis.port, diagnosis.family);
    else if (diagnosis.result) setDiagnosis({ target: diagnosis.target, port: diagnosis.port, family: diagnosis.family });
    if (answer) await runQuery(requestOf(answer.result.query), index);
  }

  /** `result`: the traced flow whose drop this fix is for (a diagnosis's check has none) */
  async function tryFix(fix: Fix | null | undefined, result: AnalyzeResult | null) {
    const trial = fixTrial(fix);
    if (api instanceof Error || !fix || !trial) return;
    setTrying({ busy: true, error: null, status: null });
    try {
      const summary = await api.applyChanges(trial.changes, trialSource(fix, trial.whole));
      // The first fix tried: this answer is the snapshot's own, the "before" of the report.
      if (!pile && result) setOriginal(result);
      await showEdited(summary);
      setTrying({ busy: false, error: null, status: null });
    } catch (error) {
      setTrying({ busy: false, error: (error as Error).message, status: null });
    }
  }

  async function undoEdits(count?: number) {
    if (api instanceof Error) return;
    setTrying({ busy: true, error: null, status: null });
    try {
      await showEdited(await api.undoChanges(count));
      setTrying({ busy: false, error: null, status: null });
    } catch (error) {
      setTrying({ busy: false, error: null, status: `undo failed: ${(error as Error).message}` });
    }
  }

  async function saveEdits() {
    if (api instanceof Error) return;
    try {
      const desktop = desktopSave(api);
      if (desktop) {
        const saved = await desktop.saveChangeSet();
        setTrying({ busy: false, error: null, status: saved.saved ? `saved as ${saved.fileName ?? 'a file'}` : 'not saved' });
        return;
      }
      const changes = await api.changes();
      if (!changes) return;
      downloadBlob(new Blob([changeSetText(changes)], { type: 'application/json' }), 'reachmap-changes.json');
      setTrying({ busy: false, error: null, status: 'change set downloaded (reachmap-changes.json)' });
    } catch (error) {
      setTrying({ busy: false, error: null, status: `not saved: ${(error as Error).message}` });
    }
  }

  /** the user moving to another tab: the inspector opened in the view left behind closes with it */
  function switchTab(next: Tab) {
    if (next !== tab) setSelected(null);
    setTab(next);
  }

  /** a change of the comparison: its nodes on this map revealed and fitted, the first selected */
  function focusChange(id: string) {
    if (!loaded || !comparison) return;
    const change = comparison.report.changes.find((c) => c.id === id);
    const nodes = change ? nodesOfChange(loaded.index, change) : loaded.index.byId.has(id) ? [id] : [];
    if (nodes.length === 0) return;
    reveal(nodes);
    if (nodes.includes(id)) setSelected(id);
    frameIds(nodes);
  }

  async function openExposure() {
    setTab('exposure');
    if (api instanceof Error || exposure?.report) return;
    try {
      const report = await api.exposure();
      setExposure({ report });
      const ids = report.exposed.map((e) => e.eni);
      reveal(ids);
      frameIds(ids);
    } catch (error) {
      setExposure({ error: (error as Error).message });
    }
  }

  async function openProblems() {
    setTab('problems');
    if (api instanceof Error || problems?.report) return;
    setProblems({});
    try {
      setProblems({ report: await api.problems() });
    } catch (error) {
      setProblems({ error: (error as Error).message });
    }
  }

  /** a problem picked in the list: open (or close) it, and show what it is about on the map */
  function showProblem(problem: Problem) {
    if (!loaded) return;
    if (problemShown === problem.id) return setProblemShown(null);
    setProblemShown(problem.id);
    const ids = problemNodes(loaded.index, problem);
    if (ids.length === 0) return;
    reveal(ids);
    frameIds(ids);
  }

  async function runDiagnose(target: string, port: string, family: string) {
    if (api instanceof Error) return;
    setTab('diagnose');
    setDiagnosis({ target, port, family, busy: true });
    try {
      const named = searchIndex.filter((e) => e.name.toLowerCase() === target.toLowerCase() && e.id !== target);
      const options = { ...(port ? { port: Number(port) } : {}), ...(family ? { family } : {}) };
      const result = await api.diagnose(named.length === 1 ? named[0]!.id : target, Object.keys(options).length > 0 ? options : undefined);
      setDiagnosis({ target, port, family, result });
      const { eni } = result.target;
      reveal([eni]);
      setTimeout(() => map.current?.focus(eni), 80);
    } catch (error) {
      setDiagnosis({ target, port, family, error: (error as Error).message });
    }
  }

  useMenuActions(
    {
      'take-snapshot': () => setLiveOpen(true),
      fit: () => map.current?.fit(),
      'collapse-all': () => {
        if (!loaded) return;
        setCollapsed(new Set([...initialCollapse(loaded.graph, loaded.index, 'vpcs'), ...initialCollapse(loaded.graph, loaded.index, 'subnets')]));
        setFitCount((n) => n + 1);
      },
      exposure: () => {
        if (loaded) void openExposure();
      },
      compare: () => {
        if (loaded) switchTab('compare');
      },
    },
    // Main has already opened it: read it back as the current snapshot, with its graph.
    () => void load(null),
  );

  function onTap(id: string | null, additive = false) {
    if (id && additive && selected && selected !== id) {
      setPair({ from: selected, to: id });
      setSelected(id);
      return;
    }
    setPair(null);
    if (id && picking) {
      setQuery({ ...query, [picking]: id });
      setPicking(null);
      return;
    }
    // Accounts, regions and AZs are groupings with nothing to inspect.
    const kind = id ? normalKind(loaded?.index.byId.get(id)?.kind ?? '') : '';
    setSelected(id && !['account', 'region', 'az'].includes(kind) ? id : null);
  }

  function onDoubleTap(id: string) {
    if (!loaded || (loaded.index.children.get(id)?.length ?? 0) === 0) return;
    const next = new Set(collapsed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
    setPin((last) => ({ key: `${Number(last?.key ?? 0) + 1}`, id }));
  }

  if (api instanceof Error) return <ErrorState title="Not connected" message={api.message} />;

  const places = loaded ? placeOptions(loaded.index) : { accounts: [], regions: new Map<string, string[]>() };
  // the VPC filter offers what the account and region filters keep
  const vpcs = loaded ? loaded.graph.nodes.filter((n) => normalKind(n.kind) === 'vpc' && insidePlace(loaded.index, n.id, ancestorsOf(loaded.index, n.id), filter)).map((n) => ({ id: n.id, name: n.name && n.name !== n.id ? `${n.name} (${n.id})` : n.id })) : [];
  const summary = loaded?.summary;
  const before = answer && original && pile && sameFlow(original.query, answer.result.query) ? original : null;

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo">◆</span> Reachmap
        </div>
        {summary && status.kind === 'ready' && (
          <div className="snapshot" data-testid="snapshot-summary">
            <span className="label">{summary.label}</span>
            <span className="counts">
              {summary.counts.vpcs} VPCs · {summary.counts.subnets} subnets · {summary.counts.instances} instances · {summary.counts.enis} ENIs
            </span>
            {summary.errors.length > 0 && <span className="pill warn" title={summary.errors.map((e) => `${e.api}: ${e.message}`).join('\n')}>{summary.errors.length} unreadable</span>}
          </div>
        )}
        <div className="spacer" />
        {status.kind === 'ready' && (
          <ExportButton api={api} question={questionOnScreen({ tab, flow: answer?.result.query ?? null, exposureShown: Boolean(exposure?.report), diagnosed: diagnosis.result !== undefined ? diagnosis : null, compared: comparison?.request ?? null })}
            before={tab === 'trace' ? before : null} />
        )}
        <OpenSnapshot compact onOpen={(path) => void load({ ...(path ? { path } : {}) })} />
        {status.kind === 'ready' && <button type="button" className="btn" onClick={() => switchTab('compare')} data-testid="open-compare">Compare with…</button>}
        <button type="button" className="btn" onClick={() => setLiveOpen(true)} data-testid="open-live">Live snapshot…</button>
      </header>
      {liveOpen && (
        <LiveSnapshot
          api={api}
          onClose={() => setLiveOpen(false)}
          onDone={() => {
            setLiveOpen(false);
            void load(null);
          }}
        />
      )}
      {status.kind === 'loading' && <Loading what="Opening the snapshot…" />}
      {status.kind === 'error' && (
        <ErrorState title="This snapshot could not be opened" message={status.message ?? ''}>
          <p>Fix the file, or open another one:</p>
          <OpenSnapshot onOpen={(path) => void load({ ...(path ? { path } : {}) })} />
        </ErrorState>
      )}
      {status.kind === 'ready' && loaded && loaded.summary.counts.vpcs === 0 && (
        <EmptyState>
          <OpenSnapshot onOpen={(path) => void load({ ...(path ? { path } : {}) })} />
        </EmptyState>
      )}
      {status.kind === 'ready' && loaded && loaded.summary.counts.vpcs > 0 && (
        <div className="workspace">
          <aside className="sidebar">
            <nav className="tabs">
              <button type="button" className={tab === 'trace' ? 'active' : ''} onClick={() => switchTab('trace')} data-testid="tab-trace">Trace</button>
              <button type="button" className={tab === 'exposure' ? 'active' : ''} onClick={() => { switchTab('exposure'); void openExposure(); }} data-testid="tab-exposure">Exposure</button>
              <button type="button" className={tab === 'diagnose' ? 'active' : ''} onClick={() => switchTab('diagnose')} data-testid="tab-diagnose">Diagnose</button>
              <button type="button" className={tab === 'problems' ? 'active' : ''} onClick={() => { switchTab('problems'); void openProblems(); }} data-testid="tab-problems">Problems</button>
              <button type="button" className={tab === 'compare' ? 'active' : ''} onClick={() => switchTab('compare')} data-testid="tab-compare">Compare</button>
              <button type="button" className={tab === 'traffic' ? 'active' : ''} onClick={() => switchTab('traffic')} data-testid="tab-traffic">Traffic</button>
            </nav>
            <div className="sidebar-body">
              {tab === 'trace' && (
                <>
                  <QueryPanel query={query} index={searchIndex} picking={picking} busy={busy} onChange={setQuery} onPick={setPicking} onRun={(r) => void runQuery(r)} />
                  {askError && <p className="error-text" data-testid="query-error">{askError}</p>}
                  {answer && (
                    <div className="answer">
                      <div className={`verdict ${answer.result.verdict}`} data-testid="verdict">
                        {answer.result.verdict === 'reachable' ? 'Reachable' : answer.result.verdict === 'unreachable' ? 'Unreachable' : 'Unknown'}
                        <span className="flow">
                          {answer.result.resolved.from.ip} → {answer.result.resolved.to.ip} {answer.result.query.protocol}
                          {answer.result.query.port !== null ? `/${answer.result.query.port}` : ''}
                        </span>
                      </div>
                      {before && (
                        <p className="verdict-before" data-testid="verdict-before">
                          Before the edits: <strong className={before.verdict}>{before.verdict === 'reachable' ? 'Reachable' : before.verdict === 'unreachable' ? 'Unreachable' : 'Unknown'}</strong>
                          {before.blocked ? ` (${before.blocked.code} at ${before.blocked.id})` : ''}
                        </p>
                      )}
                      {answer.result.blocked && (
                        <DropCard blocked={answer.result.blocked} onFocus={focus} onTry={() => void tryFix(answer.result.blocked?.fix, answer.result)} trying={trying.busy} tryError={trying.error} />
                      )}
                      <SaveIntentButton key={`${JSON.stringify(answer.result.query)}:${answer.result.verdict}`} result={answer.result} />
                      {answer.result.warnings.length > 0 && <ul className="warnings">{answer.result.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
                      <HopList forward={answer.result.forward} back={answer.result.return} highlighted={highlightedHops} onHover={setHoveredHop}
                        onSelect={(hop) => focus(hop.id === 'internet' || loaded.index.byId.has(hop.id) ? hop.id : (hopNode(visible!, answer, 'forward', answer.result.forward.hops.indexOf(hop)) ?? hop.id))} />
                    </div>
                  )}
                  {!answer && !askError && (
                    <div className="help">
                      <p>Pick a source and a destination (type an id, a name, an address or <code>internet</code>, or click the target button, then a node), a protocol and a port, then <strong>Trace</strong>.</p>
                      <p>The path is drawn on the map up to the component that drops it.</p>
                    </div>
                  )}
                </>
              )}
              {tab === 'exposure' && (
                <>
                  {!exposure && <Loading what="Computing what the internet reaches…" />}
                  {exposure?.error && <p className="error-text" data-testid="exposure-error">{exposure.error}</p>}
                  {exposure?.report && <ExposurePanel report={exposure.report} onFocus={focus} />}
                </>
              )}
              {tab === 'problems' && (
                <>
                  {(!problems || (!problems.report && !problems.error)) && <Loading what="Looking for what a reviewer would flag…" />}
                  {problems?.error && <p className="error-text" data-testid="problems-error">{problems.error}</p>}
                  {problems?.report && <ProblemsPanel report={problems.report} selected={problemShown} onSelect={showProblem} />}
                </>
              )}
              {tab === 'compare' && (
                <ComparePanel api={api} flow={answer ? requestOf(answer.result.query) : null} current={comparison} onResult={setComparison} onFocus={focusChange} />
              )}
              {tab === 'traffic' && (
                <FlowLogsPanel api={api} traffic={traffic} index={loaded.index} onFocus={(ids) => { reveal(ids); frameIds(ids); }} />
              )}
              {tab === 'diagnose' && (
                <>
                  <form className="query" onSubmit={(e) => { e.preventDefault(); if (diagnosis.target.trim()) void runDiagnose(diagnosis.target.trim(), diagnosis.port, diagnosis.family); }}>
                    <label className="field"><span className="field-label">Instance</span>
                      <input value={diagnosis.target} onChange={(e) => setDiagnosis({ ...diagnosis, target: e.target.value })} placeholder="i-… or name" data-testid="diagnose-target" /></label>
                    <div className="query-row">
                      <label className="field"><span className="field-label">Port (optional)</span>
                        <input value={diagnosis.port} onChange={(e) => setDiagnosis({ ...diagnosis, port: e.target.value.replace(/[^0-9]/g, '') })} placeholder="e.g. 443" data-testid="diagnose-port" /></label>
                      <label className="field"><span className="field-label">Family</span>
                        <select value={diagnosis.family} onChange={(e) => setDiagnosis({ ...diagnosis, family: e.target.value })} data-testid="diagnose-family">
                          <option value="">Auto</option>
                          <option value="ipv4">IPv4</option>
                          <option value="ipv6">IPv6</option>
                        </select></label>
                      <button type="submit" className="btn primary run" disabled={!diagnosis.target.trim() || diagnosis.busy} data-testid="diagnose-run">Diagnose</button>
                    </div>
                  </form>
                  {diagnosis.busy && <Loading what="Checking layer by layer…" />}
                  {diagnosis.error && <p className="error-text">{diagnosis.error}</p>}
                  {diagnosis.result !== undefined && <DiagnosePanel result={diagnosis.result} onFocus={focus} onTry={(fix) => void tryFix(fix, null)} trying={trying.busy} />}
                  {tab === 'diagnose' && trying.error && <p className="error-text" data-testid="try-fix-error">{trying.error}</p>}
                </>
              )}
            </div>
          </aside>
          <main className="main">
            <Toolbar index={searchIndex} vpcs={vpcs} places={places} filter={filter} tagMatches={tagMatches} onFilter={setFilter} onFound={focus}
              onCollapse={(level) => {
                setCollapsed(initialCollapse(loaded.graph, loaded.index, level));
                setFitCount((n) => n + 1);
              }}
              onFit={() => map.current?.fit()} onZoom={(f) => map.current?.zoomBy(f)} />
            {pile && loaded.summary.changes && (
              <EditsBar sources={loaded.summary.changes.sources} editCount={loaded.summary.changes.count} script={script} busy={trying.busy} status={trying.status}
                onUndo={(count) => void undoEdits(count)} onSave={() => void saveEdits()} />
            )}
            <MapView
              key={`${loaded.summary.hash}:${loaded.large}`}
              ref={map}
              elements={elements}
              fitKey={`${loaded.summary.hash}:${filter.account ?? ''}:${filter.region ?? ''}:${filter.vpc ?? ''}:${fitCount}`}
              large={loaded.large}
              renderer={renderer}
              overlay={overlay}
              callout={callout}
              frame={frame}
              pin={pin}
              onTap={onTap}
              onDoubleTap={onDoubleTap}
              onHover={setHoveredNode}
              onEdgeTap={(id) => { if (tab === 'traffic' && (id.startsWith('traffic:') || id.startsWith('traffic-bundle:'))) void traffic.select(id); }}
            />
            <div className="legend" data-testid="legend">
              <span title="the flow traced, on its way there"><i className="sw path-f" /> path</span>
              <span title="the reply, back to the source"><i className="sw path-r" /> return</span>
              <span title="a subnet route table sends traffic this way"><i className="sw route" /> route</span>
              <span title="a VPC peering connection"><i className="sw peering" /> peering</span>
              <span title="a transit gateway attachment"><i className="sw tgw" /> transit gateway</span>
              <span title="the component that drops the flow"><i className="sw drop" /> drop</span>
              <span title="reachable from the internet (Exposure)"><i className="sw n-exposed" /> exposed</span>
              <span title="a stopped instance or an interface not in use"><i className="sw n-stopped" /> stopped</span>
              <span title="referenced, but not in the snapshot"><i className="sw n-missing" /> missing</span>
              <span title="its state cannot be read from the snapshot"><i className="sw n-unknown" /> unknown</span>
              <span title="a load balancer target AWS does not report healthy, or whose health check the network blocks: select it to see why"><i className="sw n-unhealthy" /> unhealthy target</span>
              <span><i className="sw pub" /> public subnet</span>
              <span><i className="sw priv" /> private subnet</span>
              {problemMarks.length > 0 && <span data-testid="legend-problem"><i className="sw problem" /> the problem picked</span>}
              {pile && <span data-testid="legend-edited"><i className="sw edited" /> edited (a fix tried)</span>}
              {editMarks.some(([, cls]) => cls === 'repaired') && <span><i className="sw repaired" /> was the drop</span>}
              {trafficShown && (
                <span data-testid="legend-traffic" title="Traffic: what the flow logs recorded, as wide as its bytes or packets">
                  <i className="sw traffic" /> observed traffic <i className="sw traffic-rejected" /> rejected
                </span>
              )}
              {compareMarks.length > 0 && (
                <span data-testid="legend-compare" title="Compare with…: what differs from the other snapshot, where this map draws it">
                  <i className="sw diff-added" /> added <i className="sw diff-removed" /> removed <i className="sw diff-modified" /> modified
                </span>
              )}
              <span className="muted">double-click a box to open or close it</span>
            </div>
          </main>
          {selected && (
            <aside className="drawer">
              <Inspector api={api} id={selected} onNavigate={focus} onClose={() => setSelected(null)} local={missingInspection(loaded?.index.byId.get(selected))}
                pairFrom={pair && pair.to === selected ? { id: pair.from, name: loaded?.index.byId.get(pair.from)?.name || pair.from } : null}
                onUseAs={(which, id) => { setQuery({ ...query, [which]: id }); setTab('trace'); }}
                onDiagnose={(id) => void runDiagnose(id, diagnosis.port, diagnosis.family)} />
            </aside>
          )}
        </div>
      )}
    </div>
  );
}
