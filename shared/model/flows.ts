// Facts about a flow that every layer shares: the engine traces with them,
// and the renderer writes intents that leave them out when they are the default.

/** The source port of a flow that names none: the first port of IANA's dynamic range, as the CLI contract says. */
export const DEFAULT_SOURCE_PORT = 49152;
