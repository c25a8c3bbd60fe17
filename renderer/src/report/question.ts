// The question a report answers, as it travels in the report route's address
// (`#/report?from=…&to=…`, `#/report?exposure=1`, `#/report?diagnose=…`), so
// that the CLI, the web face and the desktop app all ask the page the same way.

export type ReportQuestion =
  | { kind: 'flow'; from: string; to: string; protocol?: string; port?: number; family?: string }
  | { kind: 'exposure' }
  | { kind: 'diagnose'; target: string; port?: number; family?: string }
  /** Compare with…: the open snapshot against another file (or a live snapshot of the desktop app's history) */
  | { kind: 'compare'; path?: string; historyId?: string; otherIs: 'old' | 'new'; intents?: string }
  /** flow log files set against the open snapshot */
  | { kind: 'flowlogs'; paths: string[] };

export interface ReportRequest {
  question: ReportQuestion;
  redact: boolean;
}

export const REPORT_ROUTE = '#/report';

export function isReportRoute(location: { hash: string }): boolean {
  return location.hash === REPORT_ROUTE || location.hash.startsWith(`${REPORT_ROUTE}?`);
}

function portOf(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  const port = Number(text);
  return Number.isInteger(port) ? port : undefined;
}

/** null: the address names no question the report can answer */
export function parseReportRequest(hash: string): ReportRequest | null {
  if (!isReportRoute({ hash })) return null;
  const params = new URLSearchParams(hash.slice(REPORT_ROUTE.length).replace(/^\?/, ''));
  const redact = params.get('redact') === '1';
  const port = portOf(params.get('port'));
  const diagnose = params.get('diagnose');
  const from = params.get('from');
  const to = params.get('to');
  if (params.get('exposure') === '1') return { question: { kind: 'exposure' }, redact };
  const flowLogs = params.getAll('flowlogs').filter((p) => p !== '');
  if (flowLogs.length > 0) return { question: { kind: 'flowlogs', paths: flowLogs }, redact };
  const compare = params.get('compare');
  const compareHistory = params.get('compareHistory');
  if (compare || compareHistory) {
    const otherIs = params.get('otherIs') === 'new' ? 'new' : 'old';
    const intents = params.get('intents');
    return { question: { kind: 'compare', ...(compare ? { path: compare } : { historyId: compareHistory! }), otherIs, ...(intents ? { intents } : {}) }, redact };
  }
  const family = params.get('family');
  if (diagnose) return { question: { kind: 'diagnose', target: diagnose, ...(port !== undefined ? { port } : {}), ...(family ? { family } : {}) }, redact };
  if (from && to) {
    const protocol = params.get('protocol');
    return { question: { kind: 'flow', from, to, ...(protocol ? { protocol } : {}), ...(port !== undefined ? { port } : {}), ...(family ? { family } : {}) }, redact };
  }
  return null;
}

export function reportHash(request: ReportRequest): string {
  const params = new URLSearchParams();
  const q = request.question;
  if (q.kind === 'exposure') params.set('exposure', '1');
  if (q.kind === 'flowlogs') for (const p of q.paths) params.append('flowlogs', p);
  if (q.kind === 'diagnose') {
    params.set('diagnose', q.target);
    if (q.family) params.set('family', q.family);
  }
  if (q.kind === 'compare') {
    if (q.path !== undefined) params.set('compare', q.path);
    else if (q.historyId !== undefined) params.set('compareHistory', q.historyId);
    params.set('otherIs', q.otherIs);
    if (q.intents !== undefined) params.set('intents', q.intents);
  }
  if (q.kind === 'flow') {
    params.set('from', q.from);
    params.set('to', q.to);
    if (q.protocol) params.set('protocol', q.protocol);
    if (q.family) params.set('family', q.family);
  }
  if ((q.kind === 'flow' || q.kind === 'diagnose') && q.port !== undefined) params.set('port', String(q.port));
  if (request.redact) params.set('redact', '1');
  return `${REPORT_ROUTE}?${params.toString()}`;
}

/** a file name that says what the picture shows */
export function reportFileName(question: ReportQuestion): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_.-]+/g, '_');
  if (question.kind === 'exposure') return 'reachmap-exposure.png';
  if (question.kind === 'diagnose') return `reachmap-diagnose-${safe(question.target)}.png`;
  if (question.kind === 'compare') return 'reachmap-compare.png';
  if (question.kind === 'flowlogs') return 'reachmap-flowlogs.png';
  const port = question.port !== undefined ? `-${question.port}` : '';
  return `reachmap-${safe(question.from)}-to-${safe(question.to)}-${safe(question.protocol ?? 'tcp')}${port}.png`;
}

/** the question the main screen is showing an answer to, if any */
export function questionOnScreen(screen: {
  tab: string;
  flow: { from: string; to: string; protocol: string; port: number | null; family?: string } | null;
  exposureShown: boolean;
  /** `family`: '' (the machine decides: IPv4 unless it has only IPv6), 'ipv4' or 'ipv6' */
  diagnosed: { target: string; port: string; family?: string } | null;
  /** the comparison on screen (Compare with…) */
  compared?: { path?: string; historyId?: string; otherIs?: 'old' | 'new'; intents?: string } | null;
}): ReportQuestion | null {
  if (screen.tab === 'compare' && screen.compared) {
    const { path, historyId, otherIs, intents } = screen.compared;
    return { kind: 'compare', ...(path !== undefined ? { path } : historyId !== undefined ? { historyId } : {}), otherIs: otherIs ?? 'old', ...(intents !== undefined ? { intents } : {}) };
  }
  if (screen.tab === 'trace' && screen.flow) {
    const { from, to, protocol, port, family } = screen.flow;
    // IPv4 is the default: only an IPv6 flow names its family (an IPv4 report's address stays as it was)
    return { kind: 'flow', from, to, protocol, ...(port !== null ? { port } : {}), ...(family === 'ipv6' ? { family } : {}) };
  }
  if (screen.tab === 'exposure' && screen.exposureShown) return { kind: 'exposure' };
  if (screen.tab === 'diagnose' && screen.diagnosed) {
    const { target, port, family } = screen.diagnosed;
    return { kind: 'diagnose', target, ...(port ? { port: Number(port) } : {}), ...(family ? { family } : {}) };
  }
  return null;
}
