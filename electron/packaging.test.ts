// Packaging cannot run on the CI machine (electron-builder downloads Electron and its tools from GitHub), so the
// configuration is checked here instead: valid by electron-builder's own schema, and the promised targets,
// file associations and fuses all present.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { describe, expect, it } from 'vitest';

const projectDir = join(import.meta.dirname, '..');
const load = () => getConfig(projectDir, null, null);

const targetNames = (target: unknown) =>
  (Array.isArray(target) ? target : [target]).map((t) =>
    typeof t === 'string' ? t : (t as { target: string }).target,
  );

describe('the packaging configuration', () => {
  it('is valid by the schema of the installed electron-builder', async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would be caught by that schema check if it were wrong', async () => {
    const broken = { ...(await load()), linux: { target: 'AppImage', notAnOption: true } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS', async () => {
    const config = await load();
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    // NSIS registers file associations only for a per-machine install.
    expect(config.nsis?.perMachine).toBe(true);
  });

  it('associates .csv and .xlsx files with the app', async () => {
    const associations = [(await load()).fileAssociations ?? []].flat();
    expect(associations.map((a) => a.ext)).toEqual(['csv', 'xlsx']);
    expect(associations.every((a) => a.mimeType && a.role === 'Editor')).toBe(true);
  });

  it('flips the fuses that close Node.js back doors and pin the app to its checked asar', async () => {
    expect((await load()).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages only the bundles and the built renderer, from a staged app folder without dependencies', async () => {
    const config = await load();
    expect(config.asar).toBe(true);
    expect(config.directories?.app).toBe('dist/app');
    expect([config.files].flat()).toEqual([
      {
        filter: [
          'package.json',
          'dist/electron/main.cjs',
          'dist/electron/preload.cjs',
          'dist/renderer/**/*',
          '!**/*.map',
        ],
      },
    ]);
    // The staged package.json points at the bundle that the files list includes.
    expect(readFileSync(join(projectDir, 'scripts/dist.mjs'), 'utf8')).toContain(
      "main: 'dist/electron/main.cjs'",
    );
  });

  it('has an icon large enough for every platform to derive its sizes from', () => {
    const png = readFileSync(join(projectDir, 'build/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));
  });
});
