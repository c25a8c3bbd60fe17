// The flow-log report's question travels in the report route's address as
// one `flowlogs` parameter per file, so that the CLI and the web face ask
// the page the same way; it survives the round trip and names its PNG.
import { describe, expect, it } from 'vitest';
import { parseReportRequest, reportFileName, reportHash } from '../../../renderer/src/report/question.js';

describe('the flow-log report question', () => {
  it('reads every flowlogs parameter, in order, and writes them back the same', () => {
    const request = parseReportRequest('#/report?flowlogs=%2Flogs%2Fa.log&flowlogs=%2Flogs%2Fs3&redact=1');
    expect(request).toEqual({ question: { kind: 'flowlogs', paths: ['/logs/a.log', '/logs/s3'] }, redact: true });
    expect(parseReportRequest(reportHash(request!))).toEqual(request);
    expect(reportFileName(request!.question)).toBe('reachmap-flowlogs.png');
  });
});
