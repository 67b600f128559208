// What each channel accepts, checked with zod before any handler runs: the renderer is treated as untrusted
// (it displays data from arbitrary files), so a malformed call is refused at the boundary.
import { z } from 'zod';
import type { Channel, Handlers } from '../common/ipc-contract';
import { profileNameProblem } from '../../shared/mapping';
import { mappingProfileSchema } from '../../shared/mapping/profile-schema';
import { listIdPattern } from './journal';

const listId = z.string().regex(listIdPattern);
const path = z.string().min(1).max(4096);
/** Bytes from the renderer; the cap keeps a runaway page from filling the disk in one call. */
const bytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= 2 * 1024 ** 3, 'larger than 2 GiB');

/** A file's headers: as many as a spreadsheet has columns (16,384), each as long as a header can sensibly be. */
const headers = z.array(z.string().max(1000)).max(16_384);
const profileName = z
  .string()
  .max(64)
  .refine((name) => profileNameProblem(name) === null, 'not a profile name');
/** A saved mapping as the store keeps it, with a name a file can have and no more columns than a file. */
const profile = mappingProfileSchema
  .refine((p) => profileNameProblem(p.name) === null, { message: 'not a profile name', path: ['name'] })
  .refine((p) => p.columns.length <= 16_384 && p.columns.every((c) => c.header.length <= 1000), {
    message: 'more columns, or longer headers, than a file has',
    path: ['columns'],
  });

/** The argument list of every channel. */
export const argumentSchemas = {
  'file:open': z.tuple([]),
  'file:reopen': z.tuple([path]),
  'file:recent': z.tuple([]),
  'file:forget': z.tuple([path]),
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
  'profiles:list': z.tuple([]),
  'profiles:find': z.tuple([headers, z.string().min(1).max(200)]),
  'profiles:save': z.tuple([profile]),
  'profiles:remove': z.tuple([profileName]),
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
      fileName: z.string().min(1).max(255).optional(),
    }),
  ]),
} satisfies { [C in Channel]: z.ZodType<Parameters<Handlers[C]>> };
