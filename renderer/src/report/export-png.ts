// The report as PNG bytes, drawn in the page itself (html-to-image: the DOM
// through an SVG foreignObject onto a canvas) at twice its CSS size, then
// saved: through the desktop app's save dialog when it offers one, else as a
// browser download. Web fonts are skipped: the report uses installed fonts,
// and nothing is fetched.
import { toBlob } from 'html-to-image';
import { EXPORT_SCALE } from './ReportMap.js';
import { downloadBlob } from '../download.js';

interface DesktopExport {
  exportReport(request: { png: Uint8Array; suggestedName: string }): Promise<{ saved: boolean; fileName: string | null }>;
}

function desktopExport(): DesktopExport | null {
  const bridge = window.reachmap as unknown as Partial<DesktopExport> | undefined;
  return bridge && typeof bridge.exportReport === 'function' ? (bridge as DesktopExport) : null;
}

export async function reportPng(element: HTMLElement): Promise<Uint8Array> {
  const blob = await toBlob(element, { pixelRatio: EXPORT_SCALE, skipFonts: true, cacheBust: false, backgroundColor: '#ffffff' });
  if (!blob) throw new Error('the report could not be drawn');
  return new Uint8Array(await blob.arrayBuffer());
}

/** what happened, in a few words for the button's status line */
export async function savePng(png: Uint8Array, fileName: string): Promise<string> {
  const desktop = desktopExport();
  if (!desktop) {
    downloadBlob(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), fileName);
    return 'PNG downloaded';
  }
  const result = await desktop.exportReport({ png, suggestedName: fileName });
  return result.saved ? `saved as ${result.fileName ?? fileName}` : 'not saved';
}
