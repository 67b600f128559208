import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';

/** An enterprise holds sub-accounts; a standalone account has neither parent nor children. */
export const accountKinds = ['enterprise', 'sub-account', 'standalone'] as const;

export const accountSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(accountKinds),
  parentId: idSchema.nullable(),
  createdAt: timestampSchema,
});
export type Account = z.infer<typeof accountSchema>;

export const userSchema = z.object({ id: idSchema, name: z.string(), email: z.string() });
export type User = z.infer<typeof userSchema>;

/** `GET /v1/me`: who the key belongs to and every account it reaches (its own first). */
export const meResponseSchema = z.object({
  user: userSchema,
  account: accountSchema,
  accounts: z.array(accountSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const accountsResponseSchema = z.object({ accounts: z.array(accountSchema) });
export const accountResponseSchema = z.object({ account: accountSchema });
export type AccountsResponse = z.infer<typeof accountsResponseSchema>;
export type AccountResponse = z.infer<typeof accountResponseSchema>;

/** `GET /v1/ready`: the server can serve requests now (its database answered, its import worker runs). */
export const readyResponseSchema = z.object({
  ok: z.literal(true),
  database: z.enum(['pglite', 'postgres']),
  /** Milliseconds the database took to answer. */
  databaseMs: z.number(),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
