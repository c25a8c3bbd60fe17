// The engine owns its result types; the API offers them to every shell.
export type * from '../engine/problems-types.js';
