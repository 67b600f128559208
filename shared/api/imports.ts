import { z } from 'zod';
import { locales } from '../validate/locales/types';
import { rowIssueSchema } from './errors';
import { idSchema, timestampSchema } from './ids';
import { apiLimits } from './limits';
import { storableString } from './text';

/**
 * How an existing contact is found for a row. `two-of-name-phone-email` matches when at least two of the
 * full name, the mobile phone and the email agree.
 */
export const matchKeys = ['email', 'phone', 'external_id', 'two-of-name-phone-email', 'none'] as const;
export type MatchKey = (typeof matchKeys)[number];

/**
 * What a match does: `overwrite` (each non-empty cell of the file replaces the contact's value; empty cells
 * never erase), `fill-blanks` (existing data wins, only empty fields are filled), `skip` (the contact is left
 * alone), `create` (a new contact anyway, linked to the existing one as a possible duplicate).
 */
export const onMatchModes = ['overwrite', 'fill-blanks', 'skip', 'create'] as const;
export type OnMatch = (typeof onMatchModes)[number];

export const importOptionsSchema = z.strictObject({
  /** Tried in order: the secondary only for rows the primary does not match. */
  duplicateKey: z
    .strictObject({ primary: z.enum(matchKeys), secondary: z.enum(matchKeys) })
    .prefault({ primary: 'email', secondary: 'none' }),
  onMatch: z.enum(onMatchModes).default('fill-blanks'),
  /**
   * One action plan for every created contact. Null: the row's `action_plan_id`, else the account's
   * Default Action Plan (which may send messages: the dry run warns).
   */
  actionPlanId: idSchema.nullable().default(null),
  /** For created contacts whose row has no `lead_source_id`. */
  leadSourceId: idSchema.nullable().default(null),
  /** For created contacts whose row has no `sales_cycle_id`; null: the first active step of the contact type's cycle. */
  salesCycleId: idSchema.nullable().default(null),
  /** Columns mapped to nothing: kept on the contact as one `[import]` note, or dropped. */
  unmappedColumns: z.enum(['note', 'drop']).default('drop'),
  /** The user confirmed GDPR/TCPA rules; required when any row has text or email consent (see `compliance`). */
  complianceConfirmed: z.boolean().default(false),
  /** The language of issue messages. */
  locale: z.enum(locales).default('en'),
});
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;
export type ImportOptions = z.output<typeof importOptionsSchema>;

/**
 * Rows as a list of lists of strings, checked by a loop rather than a schema per cell: a 100,000-row import
 * has millions of cells, and per-cell schema objects would cost more than the import.
 */
const rowsSchema = z.custom<string[][]>().superRefine((rows, ctx) => {
  if (!Array.isArray(rows)) {
    ctx.addIssue({ code: 'custom', message: 'rows must be a list of rows' });
    return;
  }
  if (rows.length > apiLimits.rows) {
    ctx.addIssue({ code: 'custom', message: `at most ${apiLimits.rows} rows` });
    return;
  }
  let reported = 0;
  for (let r = 0; r < rows.length && reported < 10; r++) {
    const row: unknown = rows[r];
    if (!Array.isArray(row)) {
      ctx.addIssue({ code: 'custom', path: [r], message: 'a row must be a list of cell texts' });
      reported++;
      continue;
    }
    if (row.length > apiLimits.columns) {
      ctx.addIssue({ code: 'custom', path: [r], message: `a row has at most ${apiLimits.columns} cells` });
      reported++;
      continue;
    }
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      if (typeof cell !== 'string') {
        ctx.addIssue({ code: 'custom', path: [r, c], message: 'a cell must be text (a JSON string)' });
        reported++;
        break;
      }
      if (cell.length > apiLimits.cellChars) {
        ctx.addIssue({
          code: 'custom',
          path: [r, c],
          message: `a cell holds at most ${apiLimits.cellChars} characters`,
        });
        reported++;
        break;
      }
    }
  }
});

/** Rows as the app sends them: the sheet's headers and its rows of cell texts. */
export const rowsSourceSchema = z
  .strictObject({
    kind: z.literal('rows'),
    /** The file's name, for the import history. */
    name: storableString(255).default('rows'),
    // The count first: 20,000 header cells are refused before any one of them is looked at.
    headers: z
      .array(z.unknown())
      .min(1)
      .max(apiLimits.columns)
      .pipe(z.array(storableString(apiLimits.headerChars))),
    rows: rowsSchema,
  })
  .superRefine((source, ctx) => {
    if (!Array.isArray(source.rows)) return;
    const width = source.headers.length;
    const wide = source.rows.findIndex((row) => Array.isArray(row) && row.length > width);
    if (wide >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rows', wide],
        message: `the row has more cells than the ${width} headers`,
      });
    }
  });

/** A file uploaded before with `POST …/uploads`. */
export const uploadSourceSchema = z.strictObject({ kind: z.literal('upload'), uploadId: idSchema });

export const importSourceSchema = z.discriminatedUnion('kind', [rowsSourceSchema, uploadSourceSchema]);

/**
 * Per column of the sheet: the template header it holds, `custom:<key>` for an account custom field, or null
 * for a column not imported. Without a mapping, headers are matched to template headers exactly
 * (case-insensitively) and the rest is unmapped.
 */
export const mappingSchema = z
  .array(z.unknown())
  .max(apiLimits.columns)
  .pipe(z.array(storableString(300).nullable()));

/** The body of `POST …/imports` and `POST …/imports/dry-run`. */
export const importRequestSchema = z.strictObject({
  source: importSourceSchema,
  mapping: mappingSchema.optional(),
  options: importOptionsSchema.prefault({}),
});
export type ImportRequestInput = z.input<typeof importRequestSchema>;
export type ImportRequest = z.output<typeof importRequestSchema>;

/** What a row does, or would do in a dry run. */
export const rowActions = ['create', 'update', 'unchanged', 'skip', 'error'] as const;
export type RowAction = (typeof rowActions)[number];

export const fieldChangeSchema = z.object({ field: z.string(), from: z.string(), to: z.string() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const rowOutcomeSchema = z.object({
  /** 1-based data row. */
  row: z.number().int(),
  action: z.enum(rowActions),
  /** The contact created (after the import), or the existing contact matched. */
  contactId: idSchema.optional(),
  /** Which duplicate key found the existing contact. */
  matchedBy: z.enum(matchKeys).optional(),
  /** `create` on a match: the existing contact the new one is linked to as a possible duplicate. */
  linkedTo: idSchema.optional(),
  /** `update`: each field that changes, from and to (tags: the tags added). */
  changes: z.array(fieldChangeSchema).optional(),
  /** The action plan the contact enters (its steps become pending actions), if any. */
  actionPlanId: idSchema.optional(),
});
export type RowOutcome = z.infer<typeof rowOutcomeSchema>;

export const importCountsSchema = z.object({
  /** Data rows in the source: always equal to the rows sent. */
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  /** Of `created`, those linked to an existing contact as a possible duplicate. */
  linked: z.number().int(),
  /** Rows with at least one error. */
  errors: z.number().int(),
  pendingActions: z.number().int(),
  /** Calls due the moment the import finishes (plans starting with an immediate call). */
  immediateCalls: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importWarningCodes = [
  'actionPlan.default',
  'actionPlan.immediateCalls',
  'import.large',
] as const;
export const importWarningSchema = z.object({
  code: z.enum(importWarningCodes),
  message: z.string(),
  /** Contacts (or calls) concerned. */
  count: z.number().int(),
});

/** Whether the GDPR/TCPA confirmation is needed, and why (the rule: `complianceOf` in rules.ts). */
export const complianceSchema = z.object({
  required: z.boolean(),
  textConsentRows: z.number().int(),
  emailRows: z.number().int(),
});

export const actionPlanUseSchema = z.object({
  id: idSchema,
  name: z.string(),
  isDefault: z.boolean(),
  contacts: z.number().int(),
  pendingActions: z.number().int(),
  immediateCalls: z.number().int(),
  sends: z.array(z.enum(['email', 'text'])),
});

/** `POST …/imports/dry-run`: what the import would do now, row by row, writing nothing. */
export const dryRunSchema = z.object({
  counts: importCountsSchema,
  /** Every issue, errors and warnings, in row order. Any error: the import would write nothing. */
  issues: z.array(rowIssueSchema),
  outcomes: z.array(rowOutcomeSchema),
  actionPlans: z.array(actionPlanUseSchema),
  warnings: z.array(importWarningSchema),
  compliance: complianceSchema,
  /** More than 1,000 rows. */
  large: z.boolean(),
  templateVersion: z.string(),
  lookupsVersion: z.string(),
});
export type DryRun = z.infer<typeof dryRunSchema>;
export const dryRunResponseSchema = z.object({ dryRun: dryRunSchema });

/** `cancelled`: stopped on request before it was written (nothing was imported, as for `failed`). */
export const importStatuses = [
  'queued',
  'processing',
  'completed',
  'failed',
  'rolled_back',
  'cancelled',
] as const;
export type ImportStatus = (typeof importStatuses)[number];
export const importPhases = ['queued', 'validating', 'matching', 'writing', 'done'] as const;

/** An import job: its state, progress and, when finished, counts (per-row outcomes are paged separately). */
export const importJobSchema = z.object({
  id: idSchema,
  accountId: idSchema,
  status: z.enum(importStatuses),
  /** Why it failed, in a sentence. */
  reason: z.string().nullable(),
  createdAt: timestampSchema,
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  rolledBackAt: timestampSchema.nullable(),
  createdBy: z.object({ userId: idSchema, name: z.string() }),
  source: z.object({
    kind: z.enum(['rows', 'upload']),
    name: z.string(),
    rows: z.number().int(),
    columns: z.number().int(),
  }),
  options: importOptionsSchema,
  large: z.boolean(),
  progress: z.object({ phase: z.enum(importPhases), done: z.number().int(), total: z.number().int() }),
  counts: importCountsSchema.nullable(),
  /** All issues of a failed import (page them with `…/issues`); the first 100 are here. */
  issueCount: z.number().int(),
  issues: z.array(rowIssueSchema),
  /** Times a server took the job up; more than one means it resumed after a server stopped. */
  attempts: z.number().int(),
  /** A cancel was asked for while the job ran: it stops at its next step and ends `cancelled`. */
  cancelRequested: z.boolean().default(false),
});
export type ImportJob = z.infer<typeof importJobSchema>;
export const importJobResponseSchema = z.object({ job: importJobSchema });

export const importListResponseSchema = z.object({
  imports: z.array(importJobSchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: idSchema.nullable(),
});

export const pageQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(apiLimits.pageSize).default(100),
});

export const importRowsResponseSchema = z.object({
  rows: z.array(rowOutcomeSchema),
  total: z.number().int(),
  offset: z.number().int(),
});
export const importIssuesResponseSchema = z.object({
  issues: z.array(rowIssueSchema),
  total: z.number().int(),
  offset: z.number().int(),
});

export const uploadSchema = z.object({
  id: idSchema,
  name: z.string(),
  format: z.enum(['csv', 'xlsx']),
  size: z.number().int(),
  sha256: z.string(),
  headers: z.array(z.string()),
  rowCount: z.number().int(),
  createdAt: timestampSchema,
});
export type Upload = z.infer<typeof uploadSchema>;
export const uploadResponseSchema = z.object({ upload: uploadSchema });
export type UploadResponse = z.infer<typeof uploadResponseSchema>;
export type DryRunResponse = z.infer<typeof dryRunResponseSchema>;
export type ImportJobResponse = z.infer<typeof importJobResponseSchema>;
export type ImportListResponse = z.infer<typeof importListResponseSchema>;
export type ImportRowsResponse = z.infer<typeof importRowsResponseSchema>;
export type ImportIssuesResponse = z.infer<typeof importIssuesResponseSchema>;
