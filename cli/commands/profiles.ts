// `reachmap profiles`: the AWS profiles of the shared config and credentials
// files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), names and regions only.
import type { Command } from 'commander';
import { action, printJson } from '../common.js';
import { shown, shownName, writeText } from '../output.js';

export function registerProfilesCommand(program: Command): void {
  program
    .command('profiles')
    .description('list the AWS profiles found in your AWS config and credentials files (names and regions only)')
    .option('--json', 'print one JSON object (docs/schemas/profiles.schema.json)')
    .action(
      action(async (options: { json?: boolean }) => {
        // loaded here: the credentials module pulls in the AWS SDK
        const { listProfiles } = await import('../../shared/api/live/node.js');
        const profiles = await listProfiles();
        if (options.json) {
          printJson({ profiles });
          return;
        }
        if (profiles.length === 0) {
          process.stderr.write('no AWS profiles found (see `aws configure` or `aws configure sso`)\n');
          return;
        }
        const names = profiles.map((profile) => shownName(profile.name));
        const width = Math.max(...names.map((name) => name.length));
        writeText(profiles.map((profile, index) => `${names[index]!.padEnd(width)}  ${profile.region ? shown(profile.region) : '-'}\n`).join(''));
      }),
    );
}
