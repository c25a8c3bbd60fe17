// The report route (`#/report?…`): the report alone on a page, for the CLI's
// headless browser and for anyone who opens that address. It says on <body>
// when it is finished (`data-report-state="ready"` or `"error"`, with the
// message), so that a screenshot is never taken of half a report.
import { useEffect, useMemo, useState } from 'react';
import { getApi } from '../bridge/api.js';
import { ErrorState, Loading } from '../panels/States.js';
import { loadReport, type ReportData } from './load-report.js';
import type { ReportRequest } from './question.js';
import { ReportView } from './ReportView.js';

function announce(state: 'ready' | 'error', message?: string): void {
  document.body.dataset.reportState = state;
  if (message) document.body.dataset.reportError = message;
}

export function ReportPage({ request }: { request: ReportRequest | null }) {
  const [data, setData] = useState<ReportData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => {
    try {
      return getApi();
    } catch (e) {
      return e as Error;
    }
  }, []);

  useEffect(() => {
    if (api instanceof Error) return setError(api.message);
    if (!request) return setError('This report address names no question: add from=…&to=…, exposure=1 or diagnose=….');
    let live = true;
    loadReport(api, request.question, request.redact).then(
      (loaded) => live && setData(loaded),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, request]);

  useEffect(() => {
    if (error) announce('error', error);
  }, [error]);

  if (error) return <div className="report-error"><ErrorState title="The report could not be made" message={error} /></div>;
  if (!data) return <Loading what="Preparing the report…" />;
  return (
    <div className="report-page">
      <ReportView data={data} onReady={() => announce('ready')} />
    </div>
  );
}
