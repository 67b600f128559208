import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir, profilesDir } from './config-dir';

describe('the configuration folder', () => {
  it('is LISTPREP_CONFIG_DIR, else $XDG_CONFIG_HOME/listprep, else ~/.config/listprep', () => {
    expect(configDir({ LISTPREP_CONFIG_DIR: '/x/lp', XDG_CONFIG_HOME: '/y' })).toBe('/x/lp');
    expect(configDir({ XDG_CONFIG_HOME: '/y' })).toBe('/y/listprep');
    expect(configDir({})).toBe(join(homedir(), '.config', 'listprep'));
  });

  it('keeps the mapping profiles in its profiles folder', () => {
    expect(profilesDir({ LISTPREP_CONFIG_DIR: '/x/lp' })).toBe('/x/lp/profiles');
  });
});
