// Errors cross the IPC boundary as data (STYLE.md): a stable code and a sentence for people.
import type { BridgeResult } from '../../shared/bridge';

export function ok<T>(value: T): BridgeResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string): BridgeResult<T> {
  return { ok: false, error: { code, message } };
}
