// The import rule of ARCHITECTURE.md, checked on every import of every source file:
// - shared/ imports nothing of ours and no platform (node:, Node built-ins, electron, React, DOM libraries);
// - renderer/, electron/, server/, cli/ may import shared/ but not each other;
// - only electron/main/ipc.ts may use ipcMain and only electron/preload/index.ts ipcRenderer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const layers = ['shared', 'renderer', 'electron', 'server', 'cli'];
const allowedLayers = {
  shared: [],
  renderer: ['shared'],
  electron: ['shared'],
  server: ['shared'],
  cli: ['shared'],
};
// Packages shared/ may use: pure JavaScript that runs in a browser, a worker and Node alike.
const sharedPackages = new Set(['zod', 'exceljs', 'fflate']);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const ipcFiles = { ipcMain: 'electron/main/ipc.ts', ipcRenderer: 'electron/preload/index.ts' };

const importPattern =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

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

export function checkLayers(root) {
  const problems = [];
  for (const layer of layers) {
    const dir = join(root, layer);
    try {
      statSync(dir);
    } catch {
      continue;
    }
    for (const file of sourceFiles(dir)) {
      const rel = relative(root, file).split(sep).join('/');
      const isTest = /\.test\.tsx?$/.test(rel);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(importPattern)) {
        const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
        if (specifier.startsWith('.')) {
          const target = relative(root, resolve(dirname(file), specifier)).split(sep)[0];
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
      }
      for (const [api, owner] of Object.entries(ipcFiles)) {
        if (rel !== owner && new RegExp(`\\b${api}\\b`).test(text) && layer === 'electron') {
          problems.push(`${rel}: only ${owner} may use ${api}`);
        }
      }
    }
  }
  return problems;
}
