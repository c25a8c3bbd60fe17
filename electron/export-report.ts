// Export report…: the renderer draws the report view to PNG bytes and hands
// them over; main asks where to save them and writes the file.
import path from 'node:path';
import { InputError } from '../shared/api/errors.js';
import type { ExportReportRequest, ExportReportResult } from './bridge-types.js';
import { writePrivateFile } from './private-files.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** far above a 2x A4 report with its capped map (issue 7), far below what would hurt the main process */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

export interface SaveDialogAnswer {
  canceled: boolean;
  filePath?: string | undefined;
}

export type ShowSaveDialog = (options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }) => Promise<SaveDialogAnswer>;

export function checkPng(bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_REPORT_BYTES) throw new InputError(`exportReport: png: ${bytes.byteLength} bytes is more than ${MAX_REPORT_BYTES}`);
  if (bytes.byteLength < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new InputError('exportReport: png: not a PNG image');
}

/** a plain file name ending in .png, whatever the page proposed */
export function reportFileName(suggested: string): string {
  const base = path.basename(suggested.replace(/\\/g, '/')).replace(/[^A-Za-z0-9_.,+=@ -]/g, '_').replace(/^[.\s]+/, '').slice(0, 120);
  const stem = base.replace(/\.png$/i, '') || 'reachmap-report';
  return `${stem}.png`;
}

export async function exportReport(request: ExportReportRequest, showSaveDialog: ShowSaveDialog, defaultDir: string): Promise<ExportReportResult> {
  checkPng(request.png);
  const answer = await showSaveDialog({
    title: 'Export report',
    defaultPath: path.join(defaultDir, reportFileName(request.suggestedName)),
    filters: [{ name: 'PNG image', extensions: ['png'] }],
  });
  if (answer.canceled || !answer.filePath) return { saved: false, fileName: null };
  await writePrivateFile(answer.filePath, request.png);
  return { saved: true, fileName: path.basename(answer.filePath) };
}
