import { z } from 'zod';

/** Every id in the API: a positive whole number written in decimal, as the CRM shows IDs to people. */
export const idSchema = z.string().regex(/^[1-9][0-9]{0,17}$/, 'an id is a positive whole number');
export type Id = z.infer<typeof idSchema>;

/** Timestamps cross the wire as ISO 8601 text in UTC. */
export const timestampSchema = z.string();
