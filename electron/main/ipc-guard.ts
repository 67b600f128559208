// The checks every IPC call passes before its handler runs: the sender must be the top frame of one of our own
// pages (app://listprep, not a frame, not a page that navigated elsewhere), and the arguments must match the
// channel's zod schema. Failures come back as data, like every other error. Plain code, tested in Node;
// ipc.ts registers the result with Electron.
import type { BridgeResult } from '../../shared/bridge';
import { isAppUrl } from '../common/app-origin';
import { type Channel, channels, type Handlers } from '../common/ipc-contract';
import { argumentSchemas } from './ipc-schemas';
import { fail } from './result';

/** Which page is asking: its webContents id, to find its window and what it owns. */
export type IpcSender = Readonly<{ id: number }>;

/** The main process's side of each channel: the Bridge method plus the sender. */
export type MainHandlers = {
  [C in Channel]: (sender: IpcSender, ...args: Parameters<Handlers[C]>) => ReturnType<Handlers[C]>;
};

/** The parts of an IpcMainInvokeEvent the checks read. */
export type InvokeEvent = Readonly<{
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}>;

/** True only for the top frame of a page served from our own app origin. */
export function isTrustedSender(event: InvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export type IpcLog = (message: string, error?: unknown) => void;

/** Wraps one handler in the sender check, the payload check and a catch-all that turns a throw into data. */
export function guardHandler<C extends Channel>(
  channel: C,
  handler: MainHandlers[C],
  log: IpcLog,
): GuardedListener {
  const schema = argumentSchemas[channel];
  // One cast, here: each handler's argument types are exactly what its schema parses (checked by `satisfies`
  // in ipc-schemas.ts), but TypeScript cannot correlate the two across the union of channels.
  const call = handler as unknown as (
    sender: IpcSender,
    ...args: unknown[]
  ) => Promise<BridgeResult<unknown>>;
  return async (event, ...args) => {
    if (!isTrustedSender(event)) {
      log(`refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return fail('ipc.sender', 'This request did not come from a ListPrep window.');
    }
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      log(`refused ${channel}: ${issue?.message}${where}`);
      return fail(
        'ipc.invalid',
        `ListPrep refused a malformed ${channel} request${where}: ${issue?.message}.`,
      );
    }
    try {
      return await call({ id: event.sender.id }, ...(parsed.data as unknown[]));
    } catch (error) {
      log(`${channel} failed`, error);
      return fail('internal', 'Something went wrong inside ListPrep. Your work is kept; please try again.');
    }
  };
}

export type GuardedListener = (event: InvokeEvent, ...args: unknown[]) => Promise<BridgeResult<unknown>>;

/** A guarded listener for every channel of the contract; a channel without a handler is a type error. */
export function guardAll(handlers: MainHandlers, log: IpcLog): [Channel, GuardedListener][] {
  return channels.map((channel) => [
    channel,
    guardHandler(channel, handlers[channel] as MainHandlers[typeof channel], log),
  ]);
}
