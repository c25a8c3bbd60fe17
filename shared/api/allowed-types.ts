// The engine owns its result types; the API offers them to every shell.
export type { AllowedBetweenResult, ProtocolPorts } from '../engine/allowed-between.js';
