// A live snapshot request (the API's LiveSnapshotRequest) as the collector
// takes it, and as the answers name where it came from. One place for every
// shell that collects: the web face's server and Electron's main process.
import type { LiveCollectOptions } from '../../aws/collect/node.js';
import type { LiveSnapshotRequest } from '../reachmap-api.js';

type CollectorRequest = Pick<LiveCollectOptions, 'profile' | 'profiles' | 'orgRole' | 'accounts' | 'regions' | 'endpointUrl'>;

export function collectOptionsOf(request: LiveSnapshotRequest): CollectorRequest {
  return {
    ...(request.profile ? { profile: request.profile } : {}),
    ...(request.profiles && request.profiles.length > 0 ? { profiles: request.profiles } : {}),
    ...(request.orgRole ? { orgRole: request.orgRole } : {}),
    ...(request.accounts && request.accounts.length > 0 ? { accounts: request.accounts } : {}),
    ...(request.regions ? { regions: request.regions } : {}),
    ...(request.endpointUrl ? { endpointUrl: request.endpointUrl } : {}),
  };
}

/** "profile prod", "profiles network, workload-a", "role ReachmapRead from profile network" */
export function liveSourceText(request: LiveSnapshotRequest): string {
  const profiles = request.profiles && request.profiles.length > 1 ? `profiles ${request.profiles.join(', ')}` : `profile ${request.profiles?.[0] ?? request.profile ?? 'default'}`;
  return request.orgRole ? `role ${request.orgRole} from ${profiles}` : profiles;
}
