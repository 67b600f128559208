import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWindowStateStore, placeWindow } from './window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('placing a window', () => {
  it('centres the first window on the primary screen at the default size', () => {
    expect(placeWindow(null, [laptop], [])).toEqual({
      bounds: { x: 80, y: 45, width: 1280, height: 810 },
      maximized: false,
    });
  });

  it('reuses the saved size, position and maximised state while the title bar is on a screen', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: true };
    expect(placeWindow(saved, [laptop, rightMonitor], [])).toEqual(saved);
  });

  it('moves a window saved on a monitor that is gone back onto the primary screen', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: false };
    expect(placeWindow(saved, [laptop], []).bounds).toEqual({ x: 80, y: 45, width: 1280, height: 810 });
  });

  it('shrinks a saved window that is larger than its screen', () => {
    const saved = { bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false };
    expect(placeWindow(saved, [laptop], []).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
  });

  it('cascades a second window so it does not sit exactly on the first', () => {
    const first = placeWindow(null, [laptop], []).bounds;
    const second = placeWindow(null, [laptop], [first]).bounds;
    expect(second).toEqual({ ...first, x: first.x + 28, y: first.y + 28 });
  });
});

describe('the window state file', () => {
  it('round-trips a state and ignores one that is damaged or implausible', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'listprep-window-'));
    const file = join(dir, 'window-state.json');
    const store = createWindowStateStore(file);
    expect(await store.load()).toBeNull();
    const state = { bounds: { x: -10, y: 20, width: 1000, height: 700 }, maximized: false };
    await store.save(state);
    expect(await store.load()).toEqual(state);
    await writeFile(file, JSON.stringify({ bounds: { x: 0, y: 0, width: 5, height: 5 }, maximized: false }));
    expect(await store.load()).toBeNull();
  });
});
