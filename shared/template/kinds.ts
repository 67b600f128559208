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
  /** A phone number in international form (E.164: `+4791234567`), checked with libphonenumber-js. */
  'phoneIntl',
  /** A Norwegian postcode: four digits (`0150`). */
  'postalNo',
  /** A country as its ISO 3166-1 alpha-2 code (`NO`, `US`), or one of the account's countries when known. */
  'country',
  /** An opt-in status: the field's yes and no words (`Ja`/`Nei`), or the list's own (`OptIn`/`OptOut`). */
  'optIn',
  /** One of the account's list items (a lookup list) when the list is known; any text otherwise. */
  'listItem',
] as const;
export type FieldKind = (typeof fieldKinds)[number];

/**
 * The account lists a column can point at: ID lists (`idRef`, ClientTether), the countries and states an
 * account accepts (Configio's "Countries and States"), and the list items of list-based fields (`listItem`).
 */
export const lookupLists = [
  'actionPlans',
  'salesCycles',
  'leadSources',
  'users',
  'countries',
  'states',
  'leadStatuses',
  'communicationTypes',
  'opportunityStages',
] as const;
export type LookupList = (typeof lookupLists)[number];

/** ClientTether's ID lists, the ones its import server keeps for each account. */
export const idLists = [
  'actionPlans',
  'salesCycles',
  'leadSources',
  'users',
] as const satisfies readonly LookupList[];
export type IdList = (typeof idLists)[number];

/** What a column means to duplicate detection and matching, whatever the CRM calls it. */
export const fieldRoles = ['firstName', 'lastName', 'email', 'phone', 'externalId'] as const;
export type FieldRole = (typeof fieldRoles)[number];

/**
 * How a group's key identifiers are required once the group is used: `all` of them (Configio's Contact:
 * first and last name), or at least one (`any`: a Lead needs one of Account CRM ID, Lead Name, Export Value).
 */
export const keyRules = ['all', 'any'] as const;
export type KeyRule = (typeof keyRules)[number];

/** The files a template can be written as. */
export const exportFormats = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** CSV delimiters a CRM may take. */
export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvOutputDelimiter = (typeof csvDelimiters)[number];

/**
 * What a reference sheet of the template workbook shows: the instructions, the template's regions (or the
 * account's `states`), the postal code and date formats, or an account list (`countries`: the account's or
 * ISO 3166's). A sheet named in `sheets` without a content is found by its name (ClientTether's sheet
 * names), or written empty.
 */
export const sheetContents = [
  'instructions',
  'regions',
  'postalFormat',
  'dateFormat',
  ...lookupLists,
] as const;
export type SheetContent = (typeof sheetContents)[number];

/**
 * What an export's summary counts on the list (shared/export/import-summary.ts), each said in words the CRM's
 * import uses: rows with data (the CRM's "Processed" count), creates vs possible updates by an ID column,
 * the rows a duplicate key leaves unmatched or finds twice, and the rows that agree on two of name, phone and
 * email (merged or created).
 */
export const summaryKinds = ['rowsWithData', 'updateKey', 'matchKeys', 'twoOfNamePhoneEmail'] as const;
export type SummaryKind = (typeof summaryKinds)[number];
