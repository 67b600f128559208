import { z } from 'zod';
import { idSchema, timestampSchema } from './ids';
import { actionStepKinds } from './lookups';
import { storableString } from './text';

export const contactSchema = z.object({
  id: idSchema,
  accountId: idSchema,
  /** Template values by template header; empty values are absent. */
  fields: z.record(z.string(), z.string()),
  /** Custom field values by key. */
  custom: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
  actionPlanId: idSchema.nullable(),
  salesCycleId: idSchema.nullable(),
  leadSourceId: idSchema.nullable(),
  assignedUserId: idSchema.nullable(),
  /** Created on a match with "create anyway": the contact it may duplicate. */
  duplicateOf: idSchema.nullable(),
  createdImportId: idSchema.nullable(),
  lastImportId: idSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Contact = z.infer<typeof contactSchema>;

export const contactNoteSchema = z.object({
  kind: z.enum(['history', 'import']),
  body: z.string(),
  importId: idSchema.nullable(),
  createdAt: timestampSchema,
});

export const pendingActionSchema = z.object({
  kind: z.enum(actionStepKinds),
  title: z.string(),
  actionPlanId: idSchema,
  dueAt: timestampSchema,
  status: z.enum(['pending']),
  importId: idSchema.nullable(),
});

export const contactDetailSchema = contactSchema.extend({
  notes: z.array(contactNoteSchema),
  pendingActions: z.array(pendingActionSchema),
});

export const contactsQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Only the contact(s) with this email, compared as the import does (trimmed, case-insensitive). */
  email: storableString(320).optional(),
});

export const contactsResponseSchema = z.object({
  contacts: z.array(contactSchema),
  total: z.number().int(),
  offset: z.number().int(),
});
export const contactResponseSchema = z.object({ contact: contactDetailSchema });
export type ContactsResponse = z.infer<typeof contactsResponseSchema>;
export type ContactDetail = z.infer<typeof contactDetailSchema>;
export type ContactResponse = z.infer<typeof contactResponseSchema>;
