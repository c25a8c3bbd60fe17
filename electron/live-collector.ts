// The live collector as the desktop app calls it: the user's local
// credentials, in the main process only. Loaded on first use, so that the AWS
// SDK does not slow down the app's start.
import type { CollectRaw } from './snapshot-session.js';

export const collectWithLocalCredentials: CollectRaw = async (request, onProgress, signal) => {
  const { collectLiveSnapshot } = await import('../shared/api/live/node.js');
  const { collectOptionsOf } = await import('../shared/api/live/request.js');
  return collectLiveSnapshot({
    ...collectOptionsOf(request),
    signal,
    onProgress,
  });
};
