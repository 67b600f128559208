import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu';

const actions = { newWindow: () => {}, openFile: () => {} };
const submenuOf = (items: ReturnType<typeof menuTemplate>, label: string) =>
  items.find((item) => item.label === label)?.submenu as { role?: string; registerAccelerator?: boolean }[];

describe('the application menu', () => {
  it('leaves Ctrl+Z and Ctrl+Shift+Z to the page, whose undo covers the whole grid', () => {
    const edit = submenuOf(menuTemplate('linux', false, actions), 'Edit');
    expect(edit.filter((i) => i.role === 'undo' || i.role === 'redo')).toEqual([
      { role: 'undo', registerAccelerator: false },
      { role: 'redo', registerAccelerator: false },
    ]);
  });

  it('offers reload and developer tools only in a development build', () => {
    const roles = (devTools: boolean) =>
      submenuOf(menuTemplate('win32', devTools, actions), 'View').map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('has the macOS app menu only on macOS', () => {
    expect(menuTemplate('darwin', false, actions)[0]).toEqual({ role: 'appMenu' });
    expect(menuTemplate('linux', false, actions)[0]?.label).toBe('File');
  });
});
