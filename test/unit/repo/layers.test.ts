// Who may import whom (docs/architecture.md, "Layers"). Data flows one way,
// collect/import -> model -> engine -> API -> shells, and each folder may
// import only the layers listed for it: a wrong import fails `npm test`. A
// source folder that is in no layer is refused until it is placed in one.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Layer {
  /** folders (repository-relative) this layer owns */
  readonly folder: string;
  /** layers whose files it may import, type-only imports included */
  readonly mayImport: readonly string[];
  /** packages it must not import (prefix match) */
  readonly deniedPackages?: readonly string[];
}

/** Core code runs in Node and the browser alike: no Electron, no React, and Node built-ins only in *\/node.ts files. */
const CORE_DENIED = ['electron', 'react', 'react-dom', 'playwright-core', 'commander'];

export const LAYERS: readonly Layer[] = [
  { folder: 'shared/model', mayImport: ['shared/model'], deniedPackages: CORE_DENIED },
  { folder: 'shared/aws', mayImport: ['shared/model', 'shared/aws'], deniedPackages: CORE_DENIED },
  { folder: 'shared/engine', mayImport: ['shared/model', 'shared/engine'], deniedPackages: CORE_DENIED },
  { folder: 'shared/api', mayImport: ['shared/model', 'shared/aws', 'shared/engine', 'shared/api'], deniedPackages: CORE_DENIED },
  { folder: 'cli', mayImport: ['cli', 'shared/api'], deniedPackages: ['electron', 'react'] },
  { folder: 'electron', mayImport: ['electron', 'shared/api'], deniedPackages: ['react'] },
  { folder: 'renderer/src', mayImport: ['renderer/src', 'shared/api'], deniedPackages: ['electron'] },
];

/** Tooling, tests and configuration: not part of the product's layers, so free to import what they test or build. */
const OUTSIDE_LAYERS = [/^test\//, /^scripts\//, /^bin\//, /^assets\/icons\/[^/]+\.mjs$/, /(^|\/)[\w.-]+\.config\.(ts|js|mjs)$/];

const SOURCE = /\.(ts|tsx|mts|js|mjs|cjs)$/;

function sourceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\0').filter((file) => SOURCE.test(file) && !file.endsWith('.d.ts'));
}

function layerOf(file: string): Layer | undefined {
  return LAYERS.find((layer) => file.startsWith(`${layer.folder}/`));
}

interface ImportOf {
  readonly specifier: string;
  /** erased at compile time: `import type`, `export type`, or every named binding marked `type` */
  readonly typeOnly: boolean;
  readonly line: number;
}

export function importsOf(file: string, text: string): ImportOf[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: ImportOf[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      found.push({ specifier: specifier.text, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const allTypes = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node, node.moduleSpecifier, node.isTypeOnly || (named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The repository file a relative specifier names (the sources are .ts; imports say .js). */
function resolveRelative(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [joined, joined.replace(/\.js$/, '.ts'), joined.replace(/\.js$/, '.tsx'), `${joined}.ts`, `${joined}/index.ts`];
  return candidates.find((candidate) => known.has(candidate));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

interface Violation {
  readonly at: string;
  readonly problem: string;
}

export function layerViolations(files: ReadonlyMap<string, string>): Violation[] {
  const known = new Set(files.keys());
  const violations: Violation[] = [];
  for (const [file, text] of files) {
    if (OUTSIDE_LAYERS.some((pattern) => pattern.test(file))) continue;
    const layer = layerOf(file);
    if (!layer) {
      violations.push({ at: file, problem: 'is in no layer: add its folder to LAYERS in test/unit/repo/layers.test.ts and to docs/architecture.md' });
      continue;
    }
    for (const imported of importsOf(file, text)) {
      const at = `${file}:${imported.line}`;
      if (imported.specifier.startsWith('.')) {
        const target = resolveRelative(file, imported.specifier, known);
        if (!target) continue; // a non-source asset (CSS, JSON) or a file outside git: the compiler reports real misses
        const targetLayer = layerOf(target);
        if (!targetLayer || !layer.mayImport.includes(targetLayer.folder)) {
          violations.push({ at, problem: `${layer.folder} may not import ${target} (${targetLayer?.folder ?? 'no layer'})` });
        }
      } else if (imported.specifier.startsWith('node:')) {
        if (layer.folder.startsWith('shared/') && !file.endsWith('/node.ts')) violations.push({ at, problem: `${imported.specifier}: core code uses Node built-ins only in */node.ts files` });
        if (layer.folder === 'renderer/src') violations.push({ at, problem: `${imported.specifier}: the renderer runs in a browser` });
      } else if (layer.deniedPackages?.some((denied) => packageName(imported.specifier) === denied)) {
        violations.push({ at, problem: `${layer.folder} may not import the package ${imported.specifier}` });
      }
    }
  }
  return violations;
}

/**
 * What the renderer's bundle really loads from the core: the closure of its
 * value imports (type-only ones are erased). None of it may be Node code, the
 * engine or shared/aws.
 */
export function rendererReach(files: ReadonlyMap<string, string>): Violation[] {
  const known = new Set(files.keys());
  const violations: Violation[] = [];
  const seen = new Set<string>();
  const queue = [...files.keys()].filter((file) => file.startsWith('renderer/src/'));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of importsOf(file, files.get(file)!)) {
      if (imported.typeOnly) continue;
      if (imported.specifier.startsWith('node:') && file.startsWith('shared/')) {
        violations.push({ at: `${file}:${imported.line}`, problem: `the renderer's bundle reaches Node (${imported.specifier})` });
      }
      if (!imported.specifier.startsWith('.')) continue;
      const target = resolveRelative(file, imported.specifier, known);
      if (!target) continue;
      if (target.startsWith('shared/engine/') || target.startsWith('shared/aws/') || target.endsWith('/node.ts')) {
        violations.push({ at: `${file}:${imported.line}`, problem: `the renderer's bundle reaches ${target}` });
      }
      queue.push(target);
    }
  }
  return violations;
}

function readAll(): Map<string, string> {
  return new Map(sourceFiles().map((file) => [file, readFileSync(path.join(repoRoot, file), 'utf8')]));
}

describe('layers: who may import whom', () => {
  const files = readAll();

  it('every import of the product follows the layer rules', () => {
    expect(layerViolations(files).map((v) => `${v.at}: ${v.problem}`)).toEqual([]);
  });

  it("the renderer's bundle reaches no Node code, no engine and no importer", () => {
    expect(rendererReach(files).map((v) => `${v.at}: ${v.problem}`)).toEqual([]);
  });

  it('catches each kind of wrong import (cases written by hand)', () => {
    const cases = new Map<string, string>([
      ['shared/model/types.ts', "import type { Hop } from '../engine/analysis-types.js';"],
      ['shared/engine/analysis-types.ts', 'export type X = 1;'],
      ['shared/engine/trace.ts', "import { InputError } from '../api/errors.js';"],
      ['shared/api/errors.ts', "export { InputError } from '../model/errors.js';"],
      ['shared/model/errors.ts', 'export class InputError extends Error {}'],
      ['shared/aws/read.ts', "import { readFile } from 'node:fs/promises';"],
      ['cli/commands/analyze.ts', "const m = await import('../../shared/engine/analysis-types.js');"],
      ['electron/main.ts', "import { buildModel } from '../shared/aws/read.js';"],
      ['renderer/src/app.tsx', "import { InputError } from '../../shared/api/errors.js';\nimport type { Hop } from '../../shared/engine/analysis-types.js';"],
      ['shared/newlayer/thing.ts', 'export const x = 1;'],
      ['shared/engine/ui.ts', "import React from 'react';"],
    ]);
    const found = layerViolations(cases).map((v) => v.at);
    expect(found).toEqual([
      'shared/model/types.ts:1',
      'shared/engine/trace.ts:1',
      'shared/aws/read.ts:1',
      'cli/commands/analyze.ts:1',
      'electron/main.ts:1',
      'renderer/src/app.tsx:2',
      'shared/newlayer/thing.ts',
      'shared/engine/ui.ts:1',
    ]);
    // The renderer may import the API's errors, which come from the model: browser-safe.
    expect(rendererReach(cases)).toEqual([]);
    const leaky = new Map(cases).set('shared/api/errors.ts', "export { InputError } from '../model/errors.js';\nexport { exposureOf } from '../engine/analysis-types.js';");
    expect(rendererReach(leaky).map((v) => v.at)).toEqual(['shared/api/errors.ts:2']);
  });
});
