// The window's size and position, remembered between starts. A saved position is used only while its title
// bar is still on a screen (a monitor may have been unplugged); new windows cascade so none hides another.
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export type Rect = Readonly<{ x: number; y: number; width: number; height: number }>;
export type WindowState = Readonly<{ bounds: Rect; maximized: boolean }>;

export const defaultSize = { width: 1280, height: 820 } as const;
export const minimumSize = { width: 800, height: 560 } as const;
const cascadeStep = 28;
/** How much of the title bar must be on a screen for the saved position to count as reachable. */
const reachable = { width: 120, height: 32 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where a new window goes: the saved state when its title bar is reachable on one of the screens' work areas
 * (the first is the primary), otherwise centred on the primary screen; moved down and right past any open
 * window at the same spot.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  open: readonly Rect[],
): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...defaultSize };
  let bounds: Rect;
  let maximized = false;
  const titleBar = saved && { ...saved.bounds, height: reachable.height };
  const screen =
    titleBar &&
    workAreas.find((area) => {
      const o = overlap(titleBar, area);
      return o.width >= reachable.width && o.height >= reachable.height;
    });
  if (saved && screen) {
    bounds = {
      ...saved.bounds,
      width: Math.min(saved.bounds.width, screen.width),
      height: Math.min(saved.bounds.height, screen.height),
    };
    maximized = saved.maximized;
  } else {
    const width = Math.min(defaultSize.width, Math.floor(primary.width * 0.9));
    const height = Math.min(defaultSize.height, Math.floor(primary.height * 0.9));
    bounds = {
      x: primary.x + Math.floor((primary.width - width) / 2),
      y: primary.y + Math.floor((primary.height - height) / 2),
      width,
      height,
    };
  }
  for (let i = 0; i < 20 && open.some((w) => w.x === bounds.x && w.y === bounds.y); i++) {
    bounds = { ...bounds, x: bounds.x + cascadeStep, y: bounds.y + cascadeStep };
  }
  return { bounds, maximized };
}

const rect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(minimumSize.width).max(100_000),
  height: z.number().int().min(minimumSize.height).max(100_000),
});
const stateSchema = z.object({ bounds: rect, maximized: z.boolean() });

export type WindowStateStore = Readonly<{
  load(): Promise<WindowState | null>;
  save(state: WindowState): Promise<void>;
}>;

export function createWindowStateStore(file: string): WindowStateStore {
  return {
    load: () => readJsonFile(file, stateSchema),
    save: (state) => writeJsonFile(file, state),
  };
}
