// The web face's wire conventions, shared by the server and the browser bridge.

/** request header carrying the per-run token (lower case: Node's header keys) */
export const TOKEN_HEADER = 'x-reachmap-token';
/** query parameter carrying the token in the page address and the event stream */
export const TOKEN_QUERY = 'token';
/** API calls: POST `${API_PREFIX}<method>` with `{ args: [...] }`; answer `{ value }` or `{ error: ApiError }` */
export const API_PREFIX = '/api/';
/** server-sent events of the live snapshot's progress (`event: progress`) */
export const EVENTS_PATH = '/api/events';
