// The import rule of ARCHITECTURE.md, checked on every import of every source file by `npm run lint`:
// - shared/ imports nothing of ours and no platform (node:, Node built-ins, electron, React, DOM libraries);
// - renderer/, electron/, server/, cli/ may import shared/ but not each other;
// - node-shared/ holds the Node-only helpers of the three Node processes: cli/, electron/ and server/ may import
//   it; it imports shared/ only, and never electron (the CLI and the server have none); renderer/ and shared/
//   may not import it;
// - inside a layer, code that runs in one thread or process uses another's code as types only (`import type`):
//   the renderer's UI thread (renderer/ outside renderer/worker/) never runs worker code, not even through a
//   module of shared/ that imports it; the sandboxed preload imports nothing at run time but electron;
// - inside shared/, each part imports only the parts below it (sharedOrder), types included;
// - only electron/main/ipc.ts may use ipcMain and only electron/preload/index.ts ipcRenderer.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const layers = ['shared', 'renderer', 'electron', 'server', 'cli', 'node-shared'];
const allowedLayers = {
  shared: [],
  renderer: ['shared'],
  electron: ['shared', 'node-shared'],
  server: ['shared', 'node-shared'],
  cli: ['shared', 'node-shared'],
  'node-shared': ['shared'],
};
// Packages shared/ may use: pure JavaScript that runs in a browser, a worker and Node alike (libphonenumber-js:
// international phone numbers, its subpaths such as `libphonenumber-js/max` included).
const sharedPackages = new Set(['zod', 'exceljs', 'fflate', 'libphonenumber-js']);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const ipcFiles = { ipcMain: 'electron/main/ipc.ts', ipcRenderer: 'electron/preload/index.ts' };

/**
 * Code that runs in one thread or process, and the code it may use as types only. `hosted` names what the
 * other side runs: the worker runs renderer/worker/ and the list engine it hosts (shared/list/), wherever that
 * code lives, so the rule holds as code moves between the two. `transitive` follows run-time imports through
 * other modules (a shared/ module that imports the engine brings it onto the UI thread all the same).
 */
const threadRules = [
  {
    name: "the renderer's UI thread",
    runsIn: (rel) => rel.startsWith('renderer/') && !rel.startsWith('renderer/worker/'),
    hosted: (target) => target.startsWith('renderer/worker/') || target.startsWith('shared/list/'),
    what: 'worker code',
    transitive: true,
  },
  {
    name: 'the preload',
    runsIn: (rel) => rel.startsWith('electron/preload/'),
    // Everything but Electron itself: the sandboxed preload is bundled alone and may require only 'electron'.
    hosted: (target) => target !== 'electron',
    what: 'anything but electron',
    transitive: false,
  },
];

/**
 * The parts of shared/, lowest first: a part imports only parts below it, so no two parts lean on each other
 * (validate finds problems, fix mends them, problems words a finding with its fix: never the other way).
 * A top-level file (`bridge.ts`) is a part of its own. Tests may drive any part.
 */
const sharedOrder = [
  'platform-globals',
  'locale',
  'template',
  'codec',
  'words',
  'validate',
  'fix',
  'problems',
  'api',
  'export',
  'mapping',
  'bridge',
  'upload',
  'list',
];

/** The part of shared/ a repository-relative path lies in (`shared/fix/dates.ts` -> `fix`), or null. */
function sharedPartOf(rel) {
  if (!rel?.startsWith('shared/')) return null;
  return rel
    .slice('shared/'.length)
    .split('/')[0]
    .replace(/\.tsx?$/, '');
}

function checkSharedOrder(files, problems) {
  for (const file of files.values()) {
    const from = sharedPartOf(file.rel);
    if (!from || file.isTest) continue;
    if (!sharedOrder.includes(from)) {
      problems.push(`${file.rel}: shared/${from} has no place in the order of shared/'s parts (sharedOrder)`);
      continue;
    }
    for (const { specifier, target } of file.imports) {
      const to = sharedPartOf(target);
      if (!to || to === from) continue;
      if (sharedOrder.indexOf(to) > sharedOrder.indexOf(from)) {
        problems.push(
          `${file.rel}: shared/${from} may not import shared/${to}, which stands above it ("${specifier}"; see sharedOrder)`,
        );
      }
    }
  }
}

const importPattern =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/**
 * Whether an import brings in types only. Under `verbatimModuleSyntax` only `import type` / `export type` are
 * erased: `import { type A } from './a'` still loads './a' at run time. `typeof import('./a')` is a type.
 */
function isTypeOnly(text, match) {
  if (/^(?:import|export)\s+type\b(?!\s*(?:,|from\b))/.test(match[0])) return true;
  return (
    match[2] !== undefined && /\btypeof\s*$/.test(text.slice(Math.max(0, match.index - 20), match.index))
  );
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield path;
  }
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const extensions = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '/index.ts', '/index.tsx'];

/** The repository-relative file a relative specifier names (Vite's `?worker`-style suffixes dropped), or null. */
function resolveFile(root, from, specifier) {
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const extension of extensions) {
    const path = base + extension;
    if (existsSync(path) && statSync(path).isFile()) return relative(root, path).split(sep).join('/');
  }
  return null;
}

/** Every source file and its imports (`target`: the repository-relative file a relative import names). */
function readSources(root) {
  const files = new Map();
  for (const layer of layers) {
    const dir = join(root, layer);
    if (!existsSync(dir)) continue;
    for (const file of sourceFiles(dir)) {
      const rel = relative(root, file).split(sep).join('/');
      const text = readFileSync(file, 'utf8');
      const imports = [];
      for (const match of text.matchAll(importPattern)) {
        const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
        const target = specifier.startsWith('.') ? resolveFile(root, file, specifier) : null;
        imports.push({ specifier, target, typeOnly: isTypeOnly(text, match), statement: match[0] });
      }
      files.set(rel, { rel, layer, isTest: /\.test\.tsx?$/.test(rel), text, imports });
    }
  }
  return files;
}

/**
 * For one thread rule, the first hosted file each file reaches through run-time imports (with the way there),
 * or null: memoised, so every file and import is visited once (a cycle counts as reaching nothing new).
 */
function reachOf(files, rule) {
  const memo = new Map();
  const reach = (rel) => {
    if (memo.has(rel)) return memo.get(rel);
    memo.set(rel, null);
    let found = null;
    for (const { target, typeOnly } of files.get(rel)?.imports ?? []) {
      if (typeOnly || !target) continue;
      if (rule.hosted(target)) found = [target];
      else {
        const further = reach(target);
        if (further) found = [target, ...further];
      }
      if (found) break;
    }
    memo.set(rel, found);
    return found;
  };
  return reach;
}

/** For `import { type A, type B } from …`: why it still counts, and what to write. */
function typedNamesHint(statement) {
  const names = /^import\s*\{([^}]*)\}/
    .exec(statement)?.[1]
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names?.length && names.every((n) => n.startsWith('type '))
    ? ' (`import { type … }` still loads the module: write `import type { … }`)'
    : '';
}

function checkThreads(files, problems) {
  for (const rule of threadRules) {
    const reach = reachOf(files, rule);
    for (const file of files.values()) {
      // Tests run in Node, not in the thread; they may build what they need from either side.
      if (file.isTest || !rule.runsIn(file.rel)) continue;
      for (const { specifier, target, typeOnly, statement } of file.imports) {
        if (typeOnly) continue;
        if (rule.hosted(target ?? specifier)) {
          problems.push(
            `${file.rel}: ${rule.name} may import only types from ${rule.what}, but loads "${specifier}" at run time${typedNamesHint(statement)}`,
          );
        } else if (rule.transitive && target && !rule.runsIn(target)) {
          // A module outside the thread's own folder that brings hosted code in (shared/upload → shared/list).
          const way = reach(target);
          if (way) {
            problems.push(
              `${file.rel}: ${rule.name} may not run ${rule.what}, but "${specifier}" brings in ${way.at(-1)} (${[target, ...way].join(' → ')})`,
            );
          }
        }
      }
    }
  }
}

export function checkLayers(root) {
  const problems = [];
  const files = readSources(root);
  for (const { rel, layer, isTest, text, imports } of files.values()) {
    for (const { specifier } of imports) {
      if (specifier.startsWith('.')) {
        const target = relative(root, resolve(join(root, dirname(rel)), specifier)).split(sep)[0];
        if (layers.includes(target) && target !== layer && !allowedLayers[layer].includes(target)) {
          problems.push(`${rel}: ${layer}/ may not import ${target}/ ("${specifier}")`);
        }
        continue;
      }
      if (
        layer === 'shared' &&
        !isTest &&
        (builtins.has(specifier) || !sharedPackages.has(packageName(specifier)))
      ) {
        problems.push(`${rel}: shared/ must stay platform-neutral, but imports "${specifier}"`);
      }
      if (layer === 'renderer' && (builtins.has(specifier) || specifier === 'electron')) {
        problems.push(`${rel}: renderer/ reaches the platform only through the Bridge, not "${specifier}"`);
      }
      if (layer === 'node-shared' && specifier === 'electron') {
        problems.push(`${rel}: node-shared/ runs in the CLI and the server too, which have no "electron"`);
      }
    }
    for (const [api, owner] of Object.entries(ipcFiles)) {
      if (rel !== owner && new RegExp(`\\b${api}\\b`).test(text) && layer === 'electron') {
        problems.push(`${rel}: only ${owner} may use ${api}`);
      }
    }
  }
  checkThreads(files, problems);
  checkSharedOrder(files, problems);
  return problems;
}
