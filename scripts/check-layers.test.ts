import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers } from './check-layers.mjs';

// The rule `npm run lint` enforces, run on small trees written for each case (and on this repository).

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'listprep-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const worker = {
  'renderer/worker/protocol.ts': 'export type Change = { row: number };\nexport const version = 1;\n',
  'renderer/worker/row-view.ts': "import type { Change } from './protocol';\nexport const plainView = {};\n",
  'renderer/worker/main.ts': "import { plainView } from './row-view';\nexport { plainView };\n",
};

describe("the renderer's UI thread and the worker", () => {
  it('lets the UI thread import types from worker code, and the worker run its own code', () => {
    const root = tree({
      ...worker,
      'renderer/app/controller.ts': [
        "import type { Change } from '../worker/protocol';",
        "export type { Change as Edit } from '../worker/protocol';",
        "import type plain from '../worker/row-view';",
        "type Session = typeof import('../worker/row-view');",
        "const worker = new Worker(new URL('../worker/main.ts', import.meta.url), { type: 'module' });",
      ].join('\n'),
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it('refuses a UI-thread module that runs worker code, however it is imported', () => {
    const root = tree({
      ...worker,
      'renderer/screens/grid.ts': "import { plainView } from '../worker/row-view';\n",
      'renderer/app/mixed.ts': "import { type Change, version } from '../worker/protocol';\n",
      'renderer/app/lazy.ts': "export const load = () => import('../worker/row-view');\n",
      'renderer/app/again.ts': "export { plainView } from '../worker/row-view';\n",
      'renderer/app/side-effect.ts': "import '../worker/main';\n",
      // A default import that happens to be called `type`: a value.
      'renderer/app/named-type.ts': "import type from '../worker/row-view';\n",
    });
    expect(checkLayers(root).sort()).toEqual(
      [
        `renderer/app/again.ts: the renderer's UI thread may import only types from worker code, but loads "../worker/row-view" at run time`,
        `renderer/app/lazy.ts: the renderer's UI thread may import only types from worker code, but loads "../worker/row-view" at run time`,
        `renderer/app/named-type.ts: the renderer's UI thread may import only types from worker code, but loads "../worker/row-view" at run time`,
        `renderer/app/mixed.ts: the renderer's UI thread may import only types from worker code, but loads "../worker/protocol" at run time`,
        `renderer/app/side-effect.ts: the renderer's UI thread may import only types from worker code, but loads "../worker/main" at run time`,
        `renderer/screens/grid.ts: the renderer's UI thread may import only types from worker code, but loads "../worker/row-view" at run time`,
      ].sort(),
    );
  });

  it('says why `import { type … }` still counts: under verbatimModuleSyntax it loads the module', () => {
    const root = tree({
      ...worker,
      'renderer/app/typed.ts': "import { type Change } from '../worker/protocol';\n",
    });
    expect(checkLayers(root)).toEqual([
      `renderer/app/typed.ts: the renderer's UI thread may import only types from worker code, but loads "../worker/protocol" at run time (\`import { type … }\` still loads the module: write \`import type { … }\`)`,
    ]);
  });

  it('treats the engine the worker hosts in shared/list as worker code, also when a shared module brings it in', () => {
    const root = tree({
      'shared/list/engine.ts': 'export const openList = () => 1;\n',
      'shared/list/types.ts': 'export type ListId = string;\n',
      'shared/upload/request.ts':
        "import { openList } from '../list/engine';\nexport const send = openList;\n",
      'shared/upload/index.ts': "export * from './request';\n",
      'shared/template/index.ts': 'export const fields = [];\n',
      'renderer/worker/main.ts': "import { openList } from '../../shared/list/engine';\nopenList();\n",
      'renderer/upload/panel.ts': "import { send } from '../../shared/upload';\n",
      'renderer/upload/direct.ts': "import { openList } from '../../shared/list/engine';\n",
      'renderer/upload/fine.ts': [
        "import type { ListId } from '../../shared/list/types';",
        "import { fields } from '../../shared/template';",
      ].join('\n'),
      'cli/commands/check.ts': "import { openList } from '../../shared/list/engine';\n",
      'server/imports/plan.ts': "import { send } from '../../shared/upload';\n",
    });
    expect(checkLayers(root).sort()).toEqual([
      `renderer/upload/direct.ts: the renderer's UI thread may import only types from worker code, but loads "../../shared/list/engine" at run time`,
      `renderer/upload/panel.ts: the renderer's UI thread may not run worker code, but "../../shared/upload" brings in shared/list/engine.ts (shared/upload/index.ts → shared/upload/request.ts → shared/list/engine.ts)`,
      // The order of shared/'s parts refuses the same arrow on its own account.
      `shared/upload/request.ts: shared/upload may not import shared/list, which stands above it ("../list/engine"; see sharedOrder)`,
    ]);
  });

  it('follows import cycles without looping, and lets tests import what they need', () => {
    const root = tree({
      ...worker,
      'shared/mapping/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'shared/mapping/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'renderer/app/uses-a.ts': "import { a } from '../../shared/mapping/a';\n",
      'renderer/app/controller.test.ts': "import { plainView } from '../worker/row-view';\n",
    });
    expect(checkLayers(root)).toEqual([]);
  });
});

describe('the preload', () => {
  it('imports electron at run time and everything else as types only', () => {
    const ok = tree({
      'shared/bridge.ts': 'export type Bridge = {};\nexport const channels = [];\n',
      'electron/common/ipc-contract.ts': 'export type Channel = string;\n',
      'electron/preload/index.ts': [
        "import { contextBridge, ipcRenderer } from 'electron';",
        "import type { Bridge } from '../../shared/bridge';",
        "import type { Channel } from '../common/ipc-contract';",
      ].join('\n'),
    });
    expect(checkLayers(ok)).toEqual([]);
    const bad = tree({
      'shared/bridge.ts': 'export const channels = [];\n',
      'electron/common/ipc-contract.ts': 'export const channels = [];\n',
      'electron/preload/index.ts': [
        "import { ipcRenderer } from 'electron';",
        "import { channels } from '../../shared/bridge';",
        "import { channels as more } from '../common/ipc-contract';",
        "import { readFileSync } from 'node:fs';",
      ].join('\n'),
    });
    expect(checkLayers(bad)).toEqual([
      `electron/preload/index.ts: the preload may import only types from anything but electron, but loads "../../shared/bridge" at run time`,
      `electron/preload/index.ts: the preload may import only types from anything but electron, but loads "../common/ipc-contract" at run time`,
      `electron/preload/index.ts: the preload may import only types from anything but electron, but loads "node:fs" at run time`,
    ]);
  });
});

describe('node-shared/, the Node-only helpers of the CLI, the desktop shell and the server', () => {
  it('is imported by cli/, electron/ and server/, and imports shared/ and Node only', () => {
    const root = tree({
      'shared/api/index.ts': 'export const limits = {};\n',
      'node-shared/atomic-write.ts':
        "import { open } from 'node:fs/promises';\nimport { limits } from '../shared/api';\n",
      'cli/write-output.ts': "import { writeFileAtomic } from '../node-shared/atomic-write';\n",
      'electron/main/json-file.ts': "import { writeFileAtomic } from '../../node-shared/atomic-write';\n",
      'server/start-server.ts': "import { writeFileAtomic } from '../node-shared/atomic-write';\n",
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it('is out of reach of renderer/ and shared/, and reaches neither the other layers nor electron', () => {
    const root = tree({
      'node-shared/atomic-write.ts': 'export const writeFileAtomic = 1;\n',
      'node-shared/bad.ts': [
        "import { run } from '../cli/main';",
        "import { app } from 'electron';",
        "import type { Handlers } from '../electron/common/ipc-contract';",
      ].join('\n'),
      'cli/main.ts': 'export const run = 1;\n',
      'electron/common/ipc-contract.ts': 'export type Handlers = {};\n',
      'renderer/app/save.ts': "import { writeFileAtomic } from '../../node-shared/atomic-write';\n",
      'shared/export/write.ts': "import { writeFileAtomic } from '../../node-shared/atomic-write';\n",
    });
    expect(checkLayers(root).sort()).toEqual(
      [
        'node-shared/bad.ts: node-shared/ may not import cli/ ("../cli/main")',
        'node-shared/bad.ts: node-shared/ may not import electron/ ("../electron/common/ipc-contract")',
        'node-shared/bad.ts: node-shared/ runs in the CLI and the server too, which have no "electron"',
        'renderer/app/save.ts: renderer/ may not import node-shared/ ("../../node-shared/atomic-write")',
        'shared/export/write.ts: shared/ may not import node-shared/ ("../../node-shared/atomic-write")',
      ].sort(),
    );
  });
});

describe('shared/, the platform-neutral core', () => {
  it('uses the pure JavaScript packages it is allowed, libphonenumber-js and its metadata subpaths among them', () => {
    const root = tree({
      'shared/validate/intl-phone.ts':
        "import { parsePhoneNumberFromString } from 'libphonenumber-js/max';\n",
      'shared/fix/phone.ts':
        "import type { CountryCode } from 'libphonenumber-js';\nimport { z } from 'zod';\n",
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it('refuses Node built-ins and any other package, even one whose name begins like an allowed one', () => {
    const root = tree({
      'shared/validate/a.ts': "import { readFileSync } from 'node:fs';\n",
      'shared/validate/b.ts': "import pn from 'google-libphonenumber';\n",
      'shared/validate/c.ts': "import { x } from 'libphonenumber-js-extra';\n",
      'shared/validate/d.test.ts': "import { readFileSync } from 'node:fs';\n",
    });
    expect(checkLayers(root).sort()).toEqual([
      'shared/validate/a.ts: shared/ must stay platform-neutral, but imports "node:fs"',
      'shared/validate/b.ts: shared/ must stay platform-neutral, but imports "google-libphonenumber"',
      'shared/validate/c.ts: shared/ must stay platform-neutral, but imports "libphonenumber-js-extra"',
    ]);
  });
});

describe('this repository', () => {
  it('keeps every rule', () => {
    expect(checkLayers(join(import.meta.dirname, '..'))).toEqual([]);
  });
});

describe('the parts of shared/', () => {
  it('lets a part import the parts below it, and its tests import any part', () => {
    const root = tree({
      'shared/validate/rules.ts': "import type { Template } from '../template';\nexport const rule = 1;\n",
      'shared/fix/dates.ts': "import { rule } from '../validate/rules';\nexport const fix = rule;\n",
      'shared/problems/issues.ts':
        "import { fix } from '../fix/dates';\nimport { rule } from '../validate/rules';\n",
      'shared/validate/rules.test.ts': "import { fix } from '../fix/dates';\n",
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it('refuses a part that imports one above it, types too, and a part with no place in the order', () => {
    const root = tree({
      'shared/fix/dates.ts': 'export type DateOrder = "mdy" | "dmy";\n',
      'shared/validate/rows.ts': "import type { DateOrder } from '../fix/dates';\n",
      'shared/codec/read.ts': "import { x } from '../list/session';\n",
      'shared/list/session.ts': 'export const x = 1;\n',
      'shared/helpers/misc.ts': 'export const y = 1;\n',
    });
    expect(checkLayers(root).sort()).toEqual(
      [
        `shared/codec/read.ts: shared/codec may not import shared/list, which stands above it ("../list/session"; see sharedOrder)`,
        `shared/helpers/misc.ts: shared/helpers has no place in the order of shared/'s parts (sharedOrder)`,
        `shared/validate/rows.ts: shared/validate may not import shared/fix, which stands above it ("../fix/dates"; see sharedOrder)`,
      ].sort(),
    );
  });
});
