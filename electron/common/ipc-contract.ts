// The channels between the preload and the main process, typed once from the shared Bridge so that both
// sides derive from one map (Actual Budget's habit): a Bridge method and its channel cannot drift apart.
import type { Bridge, BridgeResult } from '../../shared/bridge';

type Journal = Bridge['journal'];
type Connection = Bridge['connection'];
type Profiles = Bridge['profiles'];

/** Every invoke channel and the Bridge method it carries. */
export type Handlers = {
  'file:open': Bridge['openFile'];
  'file:reopen': Bridge['reopenFile'];
  'file:recent': Bridge['recentFiles'];
  'file:forget': Bridge['forgetRecent'];
  'file:save': Bridge['saveFile'];
  /** Not on the Bridge: the preload reports the path of a file dropped on the window (see preload/index.ts). */
  'file:dropped': (path: string) => Promise<BridgeResult<void>>;
  'journal:append': Journal['append'];
  'journal:read': Journal['read'];
  'journal:list': Journal['list'];
  'journal:discard': Journal['discard'];
  'profiles:list': Profiles['list'];
  'profiles:find': Profiles['find'];
  'profiles:save': Profiles['save'];
  'profiles:remove': Profiles['remove'];
  'connection:connect': Connection['connect'];
  'connection:info': Connection['info'];
  'connection:disconnect': Connection['disconnect'];
  'connection:request': Connection['request'];
};

export type Channel = keyof Handlers;

/**
 * Not an invoke channel: the page posts one end of a MessageChannel to the preload (the message is shared/
 * bridge.ts's `connectionPortMessage`), which sends it to the main process on this channel; the worker then
 * sends its upload requests over the port (connection-port.ts). A type, so the preload loads nothing for it.
 */
export type ConnectionPortChannel = 'connection:port';

/** The channel names as data, for registering and for tests that every channel is handled. */
export const channels = [
  'file:open',
  'file:reopen',
  'file:recent',
  'file:forget',
  'file:save',
  'file:dropped',
  'journal:append',
  'journal:read',
  'journal:list',
  'journal:discard',
  'profiles:list',
  'profiles:find',
  'profiles:save',
  'profiles:remove',
  'connection:connect',
  'connection:info',
  'connection:disconnect',
  'connection:request',
] as const satisfies readonly Channel[];
