/** Stable issue codes. Tools and saved reports key on these; never rename one, add a new one instead. */
export const issueSeverities = {
  'required.missing': 'error',
  'text.whitespace': 'warning',
  'phone.digits': 'error',
  'flag.value': 'error',
  'email.format': 'error',
  'email.tooLong': 'error',
  'email.duplicate': 'error',
  'value.duplicate': 'error',
  'state.unknown': 'error',
  'postal.format': 'error',
  'date.format': 'error',
  'date.invalid': 'error',
  'whole.format': 'error',
  'whole.tooLarge': 'error',
  'choice.value': 'error',
  'id.format': 'error',
  'id.unknown': 'error',
  'tags.empty': 'warning',
  'contact.likelyDuplicate': 'warning',
  // A spreadsheet's error value (#N/A, #REF!...): a formula failed in the file, the cell holds no value.
  'value.excelError': 'error',
  'cell.tooLong': 'error',
  'text.control': 'error',
  'text.invisible': 'warning',
  'email.mixedScript': 'warning',
} as const;

export type IssueCode = keyof typeof issueSeverities;
export type Severity = 'error' | 'warning';
export const issueCodes = Object.keys(issueSeverities) as IssueCode[];

export function severityOf(code: IssueCode): Severity {
  return issueSeverities[code];
}
