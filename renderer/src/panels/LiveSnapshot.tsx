// Taking a live snapshot from the page: profile (or several, one account
// each; or a role assumed in every account of the organization), regions,
// progress, cancel. Credentials stay in the process that collects (the CLI's
// server or Electron's main); the page only names profiles and a role.
import { useEffect, useState } from 'react';
import type { CollectProgress, ProfileInfo, ReachmapApi, SnapshotSummary } from '../../../shared/api/reachmap-api.js';

interface Props {
  api: ReachmapApi;
  onDone(summary: SnapshotSummary): void;
  onClose(): void;
}

export function LiveSnapshot({ api, onDone, onClose }: Props) {
  const [profiles, setProfiles] = useState<ProfileInfo[] | null>(null);
  const [profile, setProfile] = useState('');
  /** more profiles, other accounts, collected into the same snapshot */
  const [also, setAlso] = useState<string[]>([]);
  const [orgRole, setOrgRole] = useState('');
  const [accountIds, setAccountIds] = useState('');
  const [regions, setRegions] = useState('');
  const [endpointUrl, setEndpointUrl] = useState('');
  const [progress, setProgress] = useState<CollectProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.listProfiles().then(
      (list) => {
        setProfiles(list);
        if (list[0]) setProfile(list[0].name);
      },
      (e: Error) => setError(e.message),
    );
  }, [api]);

  // Escape closes the dialog, as its × does: not while a snapshot is being taken (Cancel is the way out then).
  useEffect(() => {
    if (running) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, onClose]);

  async function start() {
    setRunning(true);
    setError(null);
    setProgress(null);
    try {
      const list = regions.trim() === 'all' ? 'all' : regions.split(/[\s,]+/).filter(Boolean);
      const named = profile ? [...new Set([profile, ...also])] : [];
      const accounts = accountIds.split(/[\s,]+/).filter(Boolean);
      const summary = await api.takeSnapshot(
        {
          ...(named.length > 1 ? { profiles: named } : named.length === 1 ? { profile: named[0]! } : {}),
          ...(orgRole.trim() ? { orgRole: orgRole.trim() } : {}),
          ...(accounts.length > 0 ? { accounts } : {}),
          ...(list === 'all' || list.length > 0 ? { regions: list } : {}),
          ...(endpointUrl.trim() ? { endpointUrl: endpointUrl.trim() } : {}),
        },
        setProgress,
      );
      onDone(summary);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  }

  const share = progress && progress.callsTotal > 0 ? Math.min(1, progress.callsDone / progress.callsTotal) : 0;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-label="Live snapshot" data-testid="live-snapshot">
        <header>
          <h3>Take a live snapshot</h3>
          <button type="button" className="btn icon" onClick={onClose} disabled={running} title="Close">×</button>
        </header>
        <p className="muted">Read-only describe calls with your local AWS credentials. Nothing is sent anywhere else.</p>
        <label className="field">
          <span className="field-label">Profile</span>
          <select value={profile} onChange={(e) => setProfile(e.target.value)} disabled={running || !profiles}>
            <option value="">default credentials</option>
            {profiles?.map((p) => <option key={p.name} value={p.name}>{p.name}{p.region ? ` (${p.region})` : ''}</option>)}
          </select>
        </label>
        {/* more accounts come from named profiles: the default credentials are one account's, and are not one of them */}
        {profile && profiles && profiles.length > 1 && (
          <fieldset className="field live-more-profiles" disabled={running}>
            <legend className="field-label">More profiles (other accounts, into the same snapshot)</legend>
            {profiles
              .filter((p) => p.name !== profile)
              .map((p) => (
                <label key={p.name} className="live-profile-check">
                  <input
                    type="checkbox"
                    data-testid={`live-also-${p.name}`}
                    checked={also.includes(p.name)}
                    onChange={(e) => setAlso(e.target.checked ? [...also, p.name] : also.filter((name) => name !== p.name))}
                  />
                  {p.name}
                </label>
              ))}
          </fieldset>
        )}
        <label className="field">
          <span className="field-label">Organization role (optional)</span>
          <input value={orgRole} onChange={(e) => setOrgRole(e.target.value)} placeholder="a role to assume in every account of the organization" disabled={running} data-testid="live-org-role" />
        </label>
        {orgRole.trim() && (
          <label className="field">
            <span className="field-label">Accounts (optional)</span>
            <input value={accountIds} onChange={(e) => setAccountIds(e.target.value)} placeholder="every active account; or 111122223333, 444455556666" disabled={running} data-testid="live-accounts" />
          </label>
        )}
        <label className="field">
          <span className="field-label">Regions</span>
          <input value={regions} onChange={(e) => setRegions(e.target.value)} placeholder="the profile's region; or us-east-1, eu-west-1; or all" disabled={running} />
        </label>
        <label className="field">
          <span className="field-label">Endpoint URL (optional)</span>
          <input value={endpointUrl} onChange={(e) => setEndpointUrl(e.target.value)} placeholder="an AWS-compatible endpoint" disabled={running} />
        </label>
        {(running || progress) && (
          <div className="progress" data-testid="live-progress">
            <div className="bar"><div style={{ width: `${Math.round(share * 100)}%` }} /></div>
            <span className="muted">
              {progress ? `${progress.callsDone} / ${progress.callsTotal} calls · ${progress.resources} resources${progress.region ? ` · ${progress.region}` : ''}${progress.api ? ` · ${progress.api}` : ''}` : 'Starting…'}
            </span>
          </div>
        )}
        {error && <p className="error-text" data-testid="live-error">{error}</p>}
        <div className="actions end">
          {running ? (
            <button type="button" className="btn" onClick={() => void api.cancelSnapshot()}>Cancel</button>
          ) : (
            <button type="button" className="btn primary" onClick={() => void start()} data-testid="live-start">Take snapshot</button>
          )}
        </div>
      </div>
    </div>
  );
}
