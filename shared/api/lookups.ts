import { z } from 'zod';
import { lookupItemSchema } from '../template/lookups';
import { templateSchema } from '../template/schema';
import { idSchema } from './ids';

export const actionStepKinds = ['email', 'text', 'call', 'task'] as const;
export type ActionStepKind = (typeof actionStepKinds)[number];

export const actionPlanStepSchema = z.object({
  position: z.number().int(),
  kind: z.enum(actionStepKinds),
  /** Minutes after the contact enters the plan; 0 is immediate. */
  delayMinutes: z.number().int(),
  title: z.string(),
});

export const actionPlanSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The plan contacts enter when an import chooses none ("Default Action Plan"). */
  isDefault: z.boolean(),
  steps: z.array(actionPlanStepSchema),
  /** The first step is a call with no delay: one immediate call per contact. */
  startsWithImmediateCall: z.boolean(),
  /** The kinds of message the plan sends (email, text), for the warning before an import. */
  sends: z.array(z.enum(['email', 'text'])),
});
export type ActionPlan = z.infer<typeof actionPlanSchema>;

/** One step of a sales cycle; each contact type (1 Client … 5 Other) has its own cycle. */
export const salesCycleStepSchema = z.object({
  id: idSchema,
  name: z.string(),
  contactType: z.number().int().min(1).max(5),
  sortOrder: z.number().int(),
  active: z.boolean(),
});

export const customFieldKinds = ['text', 'whole', 'date'] as const;
export const customFieldSchema = z.object({
  id: idSchema,
  /** What a mapping names: `custom:<key>`. */
  key: z.string(),
  label: z.string(),
  kind: z.enum(customFieldKinds),
});
export type CustomField = z.infer<typeof customFieldSchema>;

/** `GET /v1/accounts/:id/lookups`: the account's lists, cached by the app to validate IDs offline. */
export const lookupsResponseSchema = z.object({
  accountId: idSchema,
  /** Changes whenever any list changes: a cached copy with another version is stale. */
  version: z.string(),
  template: z.object({ id: z.string(), version: z.string() }),
  actionPlans: z.array(actionPlanSchema),
  salesCycles: z.array(salesCycleStepSchema),
  leadSources: z.array(z.object({ id: idSchema, name: z.string() })),
  users: z.array(z.object({ id: idSchema, name: z.string(), email: z.string() })),
  tags: z.array(z.object({ id: idSchema, name: z.string() })),
  customFields: z.array(customFieldSchema),
  /** The same lists in the shape `validateRows(…, { lookups })` takes. */
  lookups: z.object({
    actionPlans: z.array(lookupItemSchema),
    salesCycles: z.array(lookupItemSchema),
    leadSources: z.array(lookupItemSchema),
    users: z.array(lookupItemSchema),
  }),
});
export type LookupsResponse = z.infer<typeof lookupsResponseSchema>;

/** `GET /v1/accounts/:id/template`: the import template the server validates with, as data. */
export const templateResponseSchema = z.object({ template: templateSchema });
export type TemplateResponse = z.infer<typeof templateResponseSchema>;
