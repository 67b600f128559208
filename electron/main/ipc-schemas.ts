// What each channel accepts, checked with zod before any handler runs: the renderer is treated as untrusted
// (it displays data from arbitrary files), so a malformed call is refused at the boundary.
import { z } from 'zod';
import type { Channel, Handlers } from '../common/ipc-contract';
import { listIdPattern } from './journal';

const listId = z.string().regex(listIdPattern);
const path = z.string().min(1).max(4096);
/** Bytes from the renderer; the cap keeps a runaway page from filling the disk in one call. */
const bytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= 2 * 1024 ** 3, 'larger than 2 GiB');

/** The argument list of every channel. */
export const argumentSchemas = {
  'file:open': z.tuple([]),
  'file:reopen': z.tuple([path]),
  'file:recent': z.tuple([]),
  'file:save': z.tuple([
    z.strictObject({
      suggestedName: z.string().min(1).max(255),
      kind: z.enum(['xlsx', 'csv', 'json']),
      bytes,
    }),
  ]),
  'file:dropped': z.tuple([path]),
  'journal:append': z.tuple([listId, z.string().max(1000), z.array(z.unknown()).max(1_000_000)]),
  'journal:read': z.tuple([listId]),
  'journal:list': z.tuple([]),
  'journal:discard': z.tuple([listId]),
  'connection:connect': z.tuple([z.string().min(1).max(2048), z.string().min(1).max(4096)]),
  'connection:info': z.tuple([]),
  'connection:disconnect': z.tuple([]),
  'connection:request': z.tuple([
    z.strictObject({
      method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
      path: z.string().min(1).max(8192),
      body: z.unknown().optional(),
      encodedJson: z.boolean().optional(),
      idempotencyKey: z
        .string()
        .regex(/^[\x21-\x7e]{1,255}$/)
        .optional(),
    }),
  ]),
} satisfies { [C in Channel]: z.ZodType<Parameters<Handlers[C]>> };
