// Cytoscape's WebGL renderer where the browser offers hardware WebGL 2, else
// canvas. Cytoscape does not fall back by itself (asking for WebGL without a
// context fails), and WebGL emulated in software (SwiftShader, llvmpipe) is
// slower than the canvas renderer, so it counts as absent.
// `?renderer=webgl|canvas` in the address forces one (benchmarks, support).
export type RendererName = 'webgl' | 'canvas';

export interface RendererChoice {
  name: RendererName;
  reason: string;
}

export function chooseRenderer(): RendererChoice {
  const forced = new URLSearchParams(window.location.search).get('renderer');
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = document.createElement('canvas').getContext('webgl2');
  } catch {
    gl = null;
  }
  if (!gl) return { name: 'canvas', reason: 'no WebGL 2 context' };
  if (forced === 'canvas' || forced === 'webgl') return { name: forced, reason: 'forced by ?renderer=' };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const device = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  if (/swiftshader|llvmpipe|software|softpipe/i.test(device)) return { name: 'canvas', reason: `WebGL is software-emulated (${device})` };
  return { name: 'webgl', reason: device || 'WebGL 2 available' };
}
