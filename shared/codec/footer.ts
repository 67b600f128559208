import { filledCount } from './row-text';

// The words report exports put below the data (Salesforce: "Grand Totals (5 records)", "Confidential
// Information - Do Not Distribute", "Copyright (c) 2000-2024 salesforce.com"), in English and Norwegian.
const footerWords =
  /\b(grand totals?|totals?|sub-?totals?|records?|rows?|confidential|copyright|all rights reserved|do not distribute|generated|exported|printed|page \d+|totalt|sum|antall|konfidensiell|generert|eksportert|utskrevet|side \d+)\b|\(c\)|©/i;

/** A row that may belong to a footer: at most one filled cell, or a first cell that names a total. */
export function isFooterLike(fields: readonly string[]): boolean {
  if (filledCount(fields) <= 1) return true;
  const first = fields.find((field) => field.trim() !== '') ?? '';
  return /\b(grand )?totals?\b|\btotalt\b|\bsum\b/i.test(first);
}

/** True when a footer-like row says what footers say; a lone name after a blank line is still data. */
export function hasFooterWords(text: string): boolean {
  return footerWords.test(text);
}
