// The project stands on its own: a clone with nothing beside it must build,
// test and document itself. The team's folder next to the repository
// (design notes, the samples the fixtures were copied from) is not part of a
// user's clone, so no file we ship may point at it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Built from parts so that this file does not match its own pattern.
const SIBLING = ['..', 'shared'].join('/');
const TEAM_ONLY = ['aws-samples', 'DESIGN.md', 'PLAYBOOK.md', 'hooks'];
const BINARY = /\.(png|jpe?g|gif|ico|icns|gz|zip|woff2?|ttf)$/i;

/** Tracked files and new files not ignored: what a commit would ship. */
function shippedFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
    return out.split('\0').filter((f) => f !== '');
  } catch {
    // Not a git checkout (an unpacked archive): walk the tree instead.
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(path.join(repoRoot, dir))) {
        if (['node_modules', 'dist', '.git', 'release', 'coverage'].includes(name)) continue;
        const rel = dir === '' ? name : `${dir}/${name}`;
        if (statSync(path.join(repoRoot, rel)).isDirectory()) walk(rel);
        else files.push(rel);
      }
    };
    walk('');
    return files;
  }
}

/**
 * Where a `../shared...` reference in `file` leads outside the repository: read
 * from the file's own folder (imports, Markdown links) it must stay inside,
 * and it must never name what only the team's folder holds (paths joined to
 * the repository root, as tests do with path.resolve).
 */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\.\.\/)+shared(?:\/[\w.-]+)*/g;
  for (const match of text.matchAll(pattern)) {
    const reference = match[0];
    const resolved = path.resolve(repoRoot, path.dirname(file), reference);
    const leaves = path.relative(repoRoot, resolved).startsWith('..');
    const namesTeamFolder = reference.includes(SIBLING) && TEAM_ONLY.some((item) => reference.includes(`${SIBLING}/${item}`));
    if (leaves || namesTeamFolder) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push(`${file}:${line}: ${reference}`);
    }
  }
  return found;
}

describe('the repository stands on its own', () => {
  it(`no shipped file refers to ${SIBLING} (the team's folder beside the clone)`, () => {
    const offenders: string[] = [];
    for (const file of shippedFiles()) {
      if (BINARY.test(file) || file === 'package-lock.json') continue;
      let text: string;
      try {
        text = readFileSync(path.join(repoRoot, file), 'utf8');
      } catch {
        continue; // deleted in the work tree but still in the index
      }
      offenders.push(...outsideReferences(file, text));
    }
    expect(offenders).toEqual([]);
  });

  it('tells a reference that leaves the repository from an import of our own shared/ folder', () => {
    // Written by hand: electron/ sits beside shared/, so ../shared/api stays inside.
    expect(outsideReferences('electron/main.ts', `import x from '${SIBLING}/api/service/node.js';`)).toEqual([]);
    expect(outsideReferences('README.md', `see [the design](${SIBLING}/api/README.md)`)).toHaveLength(1);
    expect(outsideReferences('test/unit/aws/read.test.ts', `path.resolve(repoRoot, '${SIBLING}/aws-samples/batfish')`)).toHaveLength(1);
    expect(outsideReferences('assets/demo/README.md', `(../../${SIBLING}/PLAYBOOK.md)`)).toHaveLength(1);
  });

  it('ships the Batfish samples the tests read, with a NOTICE of their origin', () => {
    const notice = readFileSync(path.join(repoRoot, 'test/fixtures/batfish/NOTICE'), 'utf8');
    expect(notice).toContain('Apache License');
    expect(notice).toContain('batfish/batfish');
    expect(notice).toContain('batfish/pybatfish');
    const samples = readdirSync(path.join(repoRoot, 'test/fixtures/batfish')).filter((name) => name !== 'NOTICE');
    expect(samples).toContain('hybrid-cloud');
    expect(samples.filter((name) => name.startsWith('test-')).length).toBe(15);
  });
});
