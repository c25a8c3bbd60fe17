// Flow logs on the report's map: rejected traffic red at the component that
// explains it (or, where the map does not draw that component, a security
// group or ACL, at the interface that recorded the REJECT), and the
// interfaces whose records disagree with the configuration marked as changed.
import type { FlowLogsReport } from '../../../shared/api/flowlogs/report-types.js';
import type { GraphIndex } from '../map/visible-graph.js';

export function flowLogMarks(index: GraphIndex, report: FlowLogsReport): [string, string][] {
  const marks = new Map<string, string>();
  for (const c of report.conversations) {
    if (c.findings.some((f) => f.disagreement) && index.byId.has(c.interfaceId)) marks.set(c.interfaceId, 'diff-modified');
  }
  for (const c of report.conversations) {
    if (!c.findings.some((f) => f.kind === 'reject-explained')) continue;
    const at = c.model?.blocked && index.byId.has(c.model.blocked.id) ? c.model.blocked.id : c.interfaceId;
    if (index.byId.has(at)) marks.set(at, 'drop');
  }
  return [...marks];
}
