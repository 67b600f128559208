import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPort, parseServerArgs } from './config';

describe('server options', () => {
  it('listens on 127.0.0.1:4870 with PGlite under the user’s data directory by default', () => {
    expect(parseServerArgs([], { HOME: homedir() })).toEqual({
      host: '127.0.0.1',
      port: defaultPort,
      dataDir: join(homedir(), '.local', 'share', 'listprep', 'server'),
      databaseUrl: null,
      demo: false,
    });
    expect(defaultPort).toBe(4870);
  });

  it('follows XDG_DATA_HOME, then LISTPREP_SERVER_DATA_DIR, then --data-dir', () => {
    expect(parseServerArgs([], { XDG_DATA_HOME: '/xdg' })).toMatchObject({ dataDir: '/xdg/listprep/server' });
    expect(parseServerArgs([], { XDG_DATA_HOME: '/xdg', LISTPREP_SERVER_DATA_DIR: '/env' })).toMatchObject({
      dataDir: '/env',
    });
    expect(parseServerArgs(['--data-dir', '/opt'], { LISTPREP_SERVER_DATA_DIR: '/env' })).toMatchObject({
      dataDir: '/opt',
    });
  });

  it('takes the port from --port or LISTPREP_SERVER_PORT, PostgreSQL from DATABASE_URL, and --demo', () => {
    expect(parseServerArgs(['--port', '0', '--demo'], { DATABASE_URL: 'postgres://db/x' })).toMatchObject({
      port: 0,
      demo: true,
      databaseUrl: 'postgres://db/x',
    });
    expect(parseServerArgs([], { LISTPREP_SERVER_PORT: '5000' })).toMatchObject({ port: 5000 });
  });

  it('refuses a port that is not a port and options it does not know', () => {
    expect(() => parseServerArgs(['--port', 'http'], {})).toThrow('--port must be a port number, not "http"');
    expect(() => parseServerArgs(['--port', '70000'], {})).toThrow(/port number/);
    expect(() => parseServerArgs(['--database', 'x'], {})).toThrow(/Unknown option/);
  });
});
