// Help > About and Help > IAM policy: native message boxes, no page needed.
import { promises as fs } from 'node:fs';

export interface MessageBoxOptions {
  type: 'info' | 'error';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

export type ShowMessageBox = (options: MessageBoxOptions) => Promise<{ response: number }>;

export interface AboutFacts {
  appName: string;
  version: string;
  versions: { electron?: string | undefined; chrome?: string | undefined; node?: string | undefined };
  snapshotsDir: string;
}

export function aboutText(facts: AboutFacts): { message: string; detail: string } {
  const runtime = [`Electron ${facts.versions.electron ?? '?'}`, `Chromium ${facts.versions.chrome ?? '?'}`, `Node ${facts.versions.node ?? '?'}`].join(', ');
  return {
    message: `${facts.appName} ${facts.version}`,
    detail: `Why can't this machine be reached? Snapshots of AWS networks, traced hop by hop.\n\n${runtime}\nLive snapshots are kept in ${facts.snapshotsDir}`,
  };
}

export async function showAbout(showMessageBox: ShowMessageBox, facts: AboutFacts): Promise<void> {
  await showMessageBox({ type: 'info', title: `About ${facts.appName}`, ...aboutText(facts), buttons: ['OK'], defaultId: 0, cancelId: 0 });
}

/** Shows the read-only policy the collector needs (docs/iam-policy.json) and offers to copy it. */
export async function showIamPolicy(showMessageBox: ShowMessageBox, policyPath: string, copy: (text: string) => void): Promise<void> {
  let policy: string;
  try {
    policy = JSON.stringify(JSON.parse(await fs.readFile(policyPath, 'utf8')), null, 2);
  } catch (error) {
    const detail = `${policyPath}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing from this build' : (error as Error).message}`;
    await showMessageBox({ type: 'error', title: 'IAM policy', message: 'The IAM policy could not be read', detail, buttons: ['Close'], defaultId: 0, cancelId: 0 });
    return;
  }
  const { response } = await showMessageBox({
    type: 'info',
    title: 'IAM policy',
    message: 'Live snapshots need only these read-only permissions. Attach this policy to the role or user of the profile you snapshot with.',
    detail: policy,
    buttons: ['Copy Policy', 'Close'],
    defaultId: 0,
    cancelId: 1,
  });
  if (response === 0) copy(policy);
}
