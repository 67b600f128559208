/**
 * Stable issue codes. Tools and saved reports key on these; never rename one, add a new one instead.
 *
 * What each code means to the code that handles it, kept here rather than read off the code's name:
 * - `severity`: an error stops an import; a warning is shown and the row still goes.
 * - `cellFix`: whether a fix of the cell's own value may clear it (a missing required value or a duplicate
 *   needs a person: no rewrite of one cell into the same meaning can supply a value or tell two rows apart).
 * - `group`: the finding is about the row's place in a duplicate group (`value`: a value that must be unique
 *   repeats; `contact`: two rows look like one person), not about what the cell holds.
 */
type CodeProperties = Readonly<{ severity: Severity; cellFix: boolean; group?: 'value' | 'contact' }>;

export const issueCodeTable = {
  'required.missing': { severity: 'error', cellFix: false },
  'text.whitespace': { severity: 'warning', cellFix: true },
  'phone.digits': { severity: 'error', cellFix: true },
  'flag.value': { severity: 'error', cellFix: true },
  'email.format': { severity: 'error', cellFix: true },
  'email.tooLong': { severity: 'error', cellFix: true },
  'email.duplicate': { severity: 'error', cellFix: false, group: 'value' },
  'value.duplicate': { severity: 'error', cellFix: false, group: 'value' },
  'state.unknown': { severity: 'error', cellFix: true },
  'postal.format': { severity: 'error', cellFix: true },
  'date.format': { severity: 'error', cellFix: true },
  'date.invalid': { severity: 'error', cellFix: true },
  'whole.format': { severity: 'error', cellFix: true },
  'whole.tooLarge': { severity: 'error', cellFix: true },
  'choice.value': { severity: 'error', cellFix: true },
  'id.format': { severity: 'error', cellFix: true },
  'id.unknown': { severity: 'error', cellFix: true },
  'tags.empty': { severity: 'warning', cellFix: true },
  'contact.likelyDuplicate': { severity: 'warning', cellFix: false, group: 'contact' },
  // A spreadsheet's error value (#N/A, #REF!...): a formula failed in the file, the cell holds no value.
  'value.excelError': { severity: 'error', cellFix: true },
  'cell.tooLong': { severity: 'error', cellFix: true },
  'text.control': { severity: 'error', cellFix: true },
  'text.invisible': { severity: 'warning', cellFix: true },
  'email.mixedScript': { severity: 'warning', cellFix: true },
  // Other CRMs' rules (issue 18): international phones, Norwegian postcodes, countries, opt-in words, list
  // items; a group's key identifiers left empty are values to fill in, which no fix of one cell can supply.
  'phone.international': { severity: 'error', cellFix: true },
  'postal.norway': { severity: 'error', cellFix: true },
  'country.unknown': { severity: 'error', cellFix: true },
  'optIn.value': { severity: 'error', cellFix: true },
  'list.unknown': { severity: 'error', cellFix: true },
  'keys.noneFilled': { severity: 'error', cellFix: false },
  'group.keyMissing': { severity: 'error', cellFix: false },
} as const satisfies Readonly<Record<string, CodeProperties>>;

export type IssueCode = keyof typeof issueCodeTable;
export type Severity = 'error' | 'warning';
export const issueCodes = Object.keys(issueCodeTable) as IssueCode[];

export function severityOf(code: IssueCode): Severity {
  return issueCodeTable[code].severity;
}

/** Whether a fix of the cell's own value may clear a finding of this code (see `cellFix`). */
export function seeksCellFix(code: IssueCode): boolean {
  return issueCodeTable[code].cellFix;
}

/** The kind of duplicate group a finding of this code is about, or null for a finding about the cell. */
export function duplicateGroupOf(code: IssueCode): 'value' | 'contact' | null {
  const properties: CodeProperties = issueCodeTable[code];
  return properties.group ?? null;
}
