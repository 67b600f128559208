// The import API's rules that clients apply before sending, written once for the server and its clients (the
// list engine, the app, `listprep upload`), so what a client says before sending is what the server then
// does. Plain constants and functions, no zod: the CLI's check path imports them without loading schemas.

/** How a mapping names an account custom field: `custom:<key>`. */
export const customFieldPrefix = 'custom:';

/**
 * ClientTether's text-consent column: `smsok` = 1 allows texting. The template gives it no role (it is this
 * CRM's own), so it is named here, beside the rule that reads it.
 */
export const textConsentHeader = 'smsok';

/** Imports of more rows than this are "large": the dry run warns, and the app says so before sending. */
export const largeImportRows = 1000;

export function isLargeImport(rows: number): boolean {
  return rows > largeImportRows;
}

/** Who gave consent to be texted or emailed, and whether the GDPR/TCPA confirmation is needed. */
export type Compliance = Readonly<{ required: boolean; textConsentRows: number; emailRows: number }>;

/**
 * Counts consent over rows of cell text: text consent is `smsok` = 1; the template has no email opt-in
 * column, and an address given to a CRM whose action plans send email will be emailed, so a row with an
 * email address counts as email consent. Either makes the confirmation required. A column index of -1 means
 * the sheet has no such column.
 */
export function complianceOf(
  rows: Iterable<readonly string[]>,
  textConsentCol: number,
  emailCol: number,
): Compliance {
  let textConsentRows = 0;
  let emailRows = 0;
  for (const row of rows) {
    if (textConsentCol >= 0 && row[textConsentCol] === '1') textConsentRows++;
    if (emailCol >= 0 && (row[emailCol] ?? '').trim() !== '') emailRows++;
  }
  return { required: textConsentRows + emailRows > 0, textConsentRows, emailRows };
}
