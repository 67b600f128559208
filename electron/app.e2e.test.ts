// The real desktop app, driven by Playwright's Electron support: it starts, serves the app from app://, exposes
// only window.listprep, opens a file through the native dialog and exports a cleaned copy through the save
// dialog (both dialogs answered by the test), never overwrites the source, journals, and refuses to navigate.
// Skips, saying why, where Electron's binary is not installed (it downloads at first `npm start` where the
// network allows; the CI machine has no access to Electron's download site).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../shared/bridge';

const projectDir = join(import.meta.dirname, '..');

function installedElectron(): string | null {
  const dir = join(projectDir, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = installedElectron();
const skipReason =
  'no Electron binary in node_modules/electron/dist (it downloads at first `npm start` where the network allows)';

type Window = { listprep: Bridge };

describe('the desktop app', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let work: string;

  beforeAll(async () => {
    if (!binary) return;
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: projectDir, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    work = await mkdtemp(join(tmpdir(), 'listprep-e2e-'));
    await writeFile(join(work, 'contacts.csv'), 'First Name,Last Name,Email\nAda,Lovelace,ada@example.com\n');
    app = await _electron.launch({
      executablePath: binary,
      // Chromium refuses to run as root with its sandbox on (CI containers); a user's machine never needs this.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.'],
      cwd: projectDir,
      env: { ...process.env, LISTPREP_USER_DATA: join(work, 'user-data') } as Record<string, string>,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('loads the app from app://listprep with no Node.js in the page and only window.listprep added', async (ctx) => {
    if (!app) return ctx.skip(skipReason);
    expect(page.url()).toMatch(/^app:\/\/listprep\/index\.html/);
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      bridgeKeys: Object.keys((globalThis as unknown as Window).listprep).sort(),
      platform: (globalThis as unknown as Window).listprep.platform,
    }));
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridgeKeys: ['connection', 'journal', 'openFile', 'platform', 'recentFiles', 'reopenFile', 'saveFile'],
      platform: 'electron',
    });
  });

  it('opens a file through the open dialog and exports a copy through the save dialog, never over the source', async (ctx) => {
    if (!app) return ctx.skip(skipReason);
    const source = join(work, 'contacts.csv');
    const target = join(work, 'contacts-clean.csv');
    await app.evaluate(
      ({ dialog }, paths) => {
        // The native dialogs cannot be clicked by Playwright; they answer with the test's paths instead.
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [paths.source] })) as never;
        const answers = [paths.source, paths.target];
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath: answers.shift() })) as never;
      },
      { source, target },
    );
    const outcome = await page.evaluate(async () => {
      const bridge = (globalThis as unknown as Window).listprep;
      const opened = await bridge.openFile();
      if (!opened.ok || !opened.value) return { opened };
      const text = new TextDecoder().decode(opened.value.bytes);
      const cleaned = new TextEncoder().encode(text.replace('ada@example.com', 'ada.lovelace@example.com'));
      const overSource = await bridge.saveFile({
        suggestedName: 'contacts.csv',
        kind: 'csv',
        bytes: cleaned,
      });
      const saved = await bridge.saveFile({
        suggestedName: 'contacts-clean.csv',
        kind: 'csv',
        bytes: cleaned,
      });
      const recent = await bridge.recentFiles();
      return { name: opened.value.name, text, overSource, saved, recent };
    });
    expect(outcome).toMatchObject({
      name: 'contacts.csv',
      text: expect.stringContaining('Ada,Lovelace'),
      overSource: { ok: false, error: { code: 'save.source' } },
      saved: { ok: true, value: { savedAs: target } },
      recent: { ok: true, value: [{ name: 'contacts.csv', handle: source }] },
    });
    expect(await readFile(target, 'utf8')).toContain('ada.lovelace@example.com');
    expect(await readFile(source, 'utf8')).toContain('ada@example.com');
  });

  it('takes a file from the native open dialog through mapping to the grid, like a user', async (ctx) => {
    if (!app) return ctx.skip(skipReason);
    const source = join(work, 'contacts.csv');
    await app.evaluate(({ dialog }, path) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as never;
    }, source);
    await page.reload();
    await page.getByText('Choose file…').click();
    await page.getByRole('button', { name: 'Continue to mapping' }).click();
    await page.getByRole('button', { name: 'Continue to fixing' }).click();
    await page.getByRole('gridcell', { name: /ada@example\.com/ }).waitFor({ timeout: 15_000 });
  });

  it('journals edits in the data folder and reads them back', async (ctx) => {
    if (!app) return ctx.skip(skipReason);
    const read = await page.evaluate(async () => {
      const journal = (globalThis as unknown as Window).listprep.journal;
      await journal.append('e2e-list', 'contacts.csv', [{ op: 'edit', row: 1, value: 'x' }]);
      return journal.read('e2e-list');
    });
    expect(read).toEqual({ ok: true, value: [{ op: 'edit', row: 1, value: 'x' }] });
    expect(existsSync(join(work, 'user-data', 'journal', 'e2e-list.journal'))).toBe(true);
  });

  it('stays on the app when the page tries to navigate away or open a window', async (ctx) => {
    if (!app) return ctx.skip(skipReason);
    await app.evaluate(({ shell }) => {
      // Record instead of launching a browser on the test machine.
      shell.openExternal = (async () => {}) as never;
    });
    const opened = await page.evaluate(() => {
      const page = globalThis as unknown as { open(url: string): unknown; location: { href: string } };
      const popup = page.open('https://example.com/');
      page.location.href = 'file:///etc/passwd';
      return popup === null;
    });
    await page.waitForTimeout(300);
    expect(opened).toBe(true);
    expect(page.url()).toMatch(/^app:\/\/listprep\//);
    expect(app.windows()).toHaveLength(1);
  });
});
