// Checking a flow request before any snapshot is read, so that a shell can
// refuse bad options at once (the CLI's exit 2 before a long import). The
// rules are the engine's own: the same ones analyze applies.
import { shapeFlow } from '../engine/packet.js';
import { flowFamily } from '../engine/family.js';
import type { FlowRequest } from './reachmap-api.js';

/** Throws InputError for a request no snapshot could answer (bad protocol, missing or refused port). */
export function checkFlowRequest(request: FlowRequest): void {
  shapeFlow(request);
  flowFamily(request);
}
