// Live collection, as the shells see it (Node only): the CLI's `snapshot` and
// `profiles` commands and the desktop's collector come through here, so that
// no shell reaches into shared/aws. Import it lazily: it pulls in the AWS SDK.
export { collectLiveSnapshot, writeLiveSnapshot, DEFAULT_REQUEST_TIMEOUT_MS, type LiveCollectOptions } from '../../aws/collect/node.js';
export type { CollectProgress as CollectorProgress } from '../../aws/collect/collect.js';
export { listProfiles, type ProfileInfo as LocalProfile } from '../../aws/credentials/node.js';
