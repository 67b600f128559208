// The template's vocabularies as plain constants, apart from the zod schema: the validator and the CLI's
// check path need them at run time without loading zod (about 90 ms of `listprep check`'s start-up).

/** Every kind of value a template column can hold; each kind has one cell rule in shared/validate. */
export const fieldKinds = [
  'text',
  'phone10',
  'flag01',
  'email',
  'region',
  'postal',
  'date',
  'whole',
  'choice',
  'idRef',
  'tags',
] as const;
export type FieldKind = (typeof fieldKinds)[number];

/** The account lists an `idRef` column can point at. */
export const lookupLists = ['actionPlans', 'salesCycles', 'leadSources', 'users'] as const;
export type LookupList = (typeof lookupLists)[number];

/** What a column means to duplicate detection and matching, whatever the CRM calls it. */
export const fieldRoles = ['firstName', 'lastName', 'email', 'phone', 'externalId'] as const;
export type FieldRole = (typeof fieldRoles)[number];
