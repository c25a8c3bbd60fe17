// window.reachmap for the web face: the same ReachmapApi, carried over fetch
// to `reachmap serve` with this run's token (read from the page address).
import type { ApiError, CollectProgress, LiveSnapshotRequest, ReachmapApi } from '../../../shared/api/reachmap-api.js';
import { API_PREFIX, EVENTS_PATH, TOKEN_HEADER, TOKEN_QUERY } from '../../../shared/api/http/protocol.js';
import { forwardApi } from '../../../shared/api/forward.js';

/** An API failure as the UI shows it: `kind: "input"` is the user's to fix. */
export class ReachmapApiError extends Error {
  constructor(readonly kind: ApiError['kind'], message: string) {
    super(message);
  }
}

/**
 * The token as `reachmap serve` hands it over: in the address's fragment
 * (`/#token=…`), which no request, Referer or command line carries. A
 * `?token=` query (older addresses, the headless report) is read too.
 */
export function tokenFromLocation(location: Pick<Location, 'search' | 'hash'>): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get(TOKEN_QUERY);
  if (fromHash) return fromHash;
  return new URLSearchParams(location.search).get(TOKEN_QUERY) || null;
}

/** the page's address with the token taken out of its query and fragment (for history.replaceState) */
export function addressWithoutToken(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const query = new URLSearchParams(location.search);
  query.delete(TOKEN_QUERY);
  const search = query.size > 0 ? `?${query.toString()}` : '';
  let hash = location.hash;
  if (!hash.startsWith('#/')) {
    const fragment = new URLSearchParams(hash.replace(/^#/, ''));
    fragment.delete(TOKEN_QUERY);
    hash = fragment.size > 0 ? `#${fragment.toString()}` : '';
  }
  return `${location.pathname}${search}${hash}`;
}

export function createHttpBridge(token: string, base = ''): ReachmapApi {
  async function call<T>(method: string, ...args: unknown[]): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${base}${API_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify({ args: args.map((arg) => (arg === undefined ? null : arg)) }),
      });
    } catch {
      throw new ReachmapApiError('internal', 'the Reachmap server does not answer (was `reachmap serve` stopped?)');
    }
    const body = (await response.json().catch(() => null)) as { value?: T; error?: ApiError } | null;
    if (!body) throw new ReachmapApiError('internal', `unexpected answer from the server (HTTP ${response.status})`);
    if (body.error) throw new ReachmapApiError(body.error.kind, body.error.message);
    return body.value as T;
  }

  return {
    ...forwardApi(call),
    async takeSnapshot(request: LiveSnapshotRequest, onProgress?: (progress: CollectProgress) => void) {
      const events = onProgress ? new EventSource(`${base}${EVENTS_PATH}?${TOKEN_QUERY}=${encodeURIComponent(token)}`) : null;
      events?.addEventListener('progress', (event) => onProgress?.(JSON.parse((event as MessageEvent<string>).data) as CollectProgress));
      try {
        return await call('takeSnapshot', request);
      } finally {
        events?.close();
      }
    },
  };
}
