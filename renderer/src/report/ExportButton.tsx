// "Export PNG" on the main screen: the report of the current question (the
// traced flow, the exposure view or the diagnosis) is drawn off screen with
// the same report view as `reachmap report`, turned into PNG bytes and saved.
// The Redact switch masks account ids and public addresses in it. In the
// desktop app, File > Export Report… does the same.
import { useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ReachmapApi } from '../../../shared/api/reachmap-api.js';
import type { AnalyzeResult } from '../../../shared/api/analysis-types.js';
import { loadReport, type ReportData } from './load-report.js';
import { reportFileName, type ReportQuestion } from './question.js';
import { ReportView } from './ReportView.js';
import { useMenuActions } from '../bridge/useMenuActions.js';
import { reportPng, savePng } from './export-png.js';

/** `before`: the flow's answer on the snapshot as opened, when fixes have been tried since (the report shows before and after) */
export function ExportButton({ api, question, before = null }: { api: ReachmapApi; question: ReportQuestion | null; before?: AnalyzeResult | null }) {
  const [redact, setRedact] = useState(false);
  const [job, setJob] = useState<{ data: ReportData; fileName: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const holder = useRef<HTMLDivElement>(null);
  // a failure is shown whole, wrapped, under the button: never cut to the toolbar's width
  const failed = status?.startsWith('export failed') ?? false;
  const start = useRef<() => void>(() => undefined);

  start.current = () => {
    if (!question || job) return;
    setStatus('drawing the report…');
    loadReport(api, question, redact, before).then(
      (data) => setJob({ data, fileName: reportFileName(question) }),
      (error: unknown) => setStatus(`export failed: ${(error as Error).message}`),
    );
  };

  useMenuActions({ 'export-report': () => start.current() });

  const onReady = useMemo(
    () => () => {
      const element = holder.current?.querySelector<HTMLElement>('#reachmap-report');
      const current = job;
      if (!element || !current) return;
      reportPng(element)
        .then((png) => savePng(png, current.fileName))
        .then(setStatus, (error: unknown) => setStatus(`export failed: ${(error as Error).message}`))
        .finally(() => setJob(null));
    },
    [job],
  );

  return (
    <div className="report-tools">
      <label title="mask account ids and public IP addresses in the exported picture">
        <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} data-testid="export-redact" /> Redact
      </label>
      <button type="button" className="btn" disabled={!question || job !== null} onClick={() => start.current()} data-testid="export-png"
        title={question ? 'the report of this answer as a PNG image' : 'trace a flow, open Exposure or run Diagnose first'}>
        Export PNG
      </button>
      {status && !failed && <span className="muted report-status" title={status} data-testid="export-status">{status}</span>}
      {status && failed && (
        <p className="report-status failed" role="alert" data-testid="export-status">
          {status}
          <button type="button" className="btn icon" onClick={() => setStatus(null)} title="Dismiss">×</button>
        </p>
      )}
      {job &&
        createPortal(
          <div className="report-offscreen" ref={holder} aria-hidden="true">
            <ReportView data={job.data} onReady={onReady} />
          </div>,
          document.body,
        )}
    </div>
  );
}
