// Cytoscape's WebGL renderer where the browser offers WebGL 2, else canvas.
// Cytoscape does not fall back by itself: asking for WebGL without a context fails.
export type RendererName = 'webgl' | 'canvas';

export function chooseRenderer(): RendererName {
  if (new URLSearchParams(window.location.search).get('renderer') === 'canvas') return 'canvas';
  try {
    const canvas = document.createElement('canvas');
    return canvas.getContext('webgl2') ? 'webgl' : 'canvas';
  } catch {
    return 'canvas';
  }
}
