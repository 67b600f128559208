import type { Locale } from '../validate';

/** The sentences of an export's summary (import-summary.ts), for people who run the CRM's import next. */
export type SummaryWords = Readonly<{
  choice: (label: string, option: string, explain: string | undefined) => string;
  rowsWithData: (rows: number, crm: string, column: string) => string;
  updateKey: (p: {
    crm: string;
    label: string;
    created: number;
    updated: number;
    otherKeys: readonly string[];
  }) => string;
  matchKeys: (p: {
    crm: string;
    primary: string;
    secondary: string | null;
    withPrimary: number;
    bySecondaryOnly: number;
    withNeither: number;
  }) => string;
  sharedKeys: (p: { crm: string; key: string; rows: number; keys: number }) => string;
  twoOfNamePhoneEmail: (p: {
    crm: string;
    rows: number;
    groups: number;
    rule: string;
    merges: boolean;
  }) => string;
}>;

const enRows = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;
const nbRows = (n: number) => `${n.toLocaleString('nb')} ${n === 1 ? 'rad' : 'rader'}`;

const en: SummaryWords = {
  choice: (label, option, explain) => `${label}: ${option}.${explain ? ` ${explain}` : ''}`,
  rowsWithData: (rows, crm, column) =>
    `${enRows(rows)} with data: when the import has finished, ${crm}'s "${column}" column should show ${rows.toLocaleString('en')}.`,
  updateKey: ({ crm, label, created, updated, otherKeys }) =>
    `To be created: ${enRows(created)} without ${label}. May be updated: ${enRows(updated)} with ${label}, where ${crm} has a record with that ID.` +
    (otherKeys.length ? ` ${crm} may also find a record it has by ${otherKeys.join(' or ')}.` : ''),
  matchKeys: ({ primary, secondary, withPrimary, bySecondaryOnly, withNeither }) =>
    `Matched by ${primary}: ${enRows(withPrimary)}.` +
    (secondary ? ` Matched by ${secondary} (no ${primary}): ${enRows(bySecondaryOnly)}.` : '') +
    ` Always created as new contacts (no key to match by): ${enRows(withNeither)}.`,
  sharedKeys: ({ crm, key, rows, keys }) =>
    `${enRows(rows)} share their ${key} with another row (${keys.toLocaleString('en')} different ${keys === 1 ? 'value' : 'values'}): ${crm} takes each of these groups for one contact.`,
  twoOfNamePhoneEmail: ({ crm, rows, groups, rule, merges }) =>
    rows === 0
      ? 'No two rows share two of name, phone number and email.'
      : merges
        ? `${enRows(rows)} share two of name, phone number and email with another row, in ${groups} ${groups === 1 ? 'group' : 'groups'}: with ${rule}, ${crm} merges each group into one lead (${groups} ${groups === 1 ? 'lead' : 'leads'} instead of ${rows}).`
        : `${enRows(rows)} share two of name, phone number and email with another row, in ${groups} ${groups === 1 ? 'group' : 'groups'}: with ${rule}, each becomes a lead of its own, associated with the others of its group.`,
};

const nb: SummaryWords = {
  choice: (label, option, explain) => `${label}: ${option}.${explain ? ` ${explain}` : ''}`,
  rowsWithData: (rows, crm, column) =>
    `${nbRows(rows)} med data: når importen er ferdig, skal kolonnen «${column}» i ${crm} vise ${rows.toLocaleString('nb')}.`,
  updateKey: ({ crm, label, created, updated, otherKeys }) =>
    `Opprettes: ${nbRows(created)} uten ${label}. Kan bli oppdatert: ${nbRows(updated)} med ${label}, der ${crm} har en post med den ID-en.` +
    (otherKeys.length ? ` ${crm} kan også finne en post den har på ${otherKeys.join(' eller ')}.` : ''),
  matchKeys: ({ primary, secondary, withPrimary, bySecondaryOnly, withNeither }) =>
    `Samsvar på ${primary}: ${nbRows(withPrimary)}.` +
    (secondary ? ` Samsvar på ${secondary} (uten ${primary}): ${nbRows(bySecondaryOnly)}.` : '') +
    ` Opprettes alltid som nye kontakter (ingen nøkkel å finne dem på): ${nbRows(withNeither)}.`,
  sharedKeys: ({ crm, key, rows, keys }) =>
    `${nbRows(rows)} deler ${key} med en annen rad (${keys.toLocaleString('nb')} ${keys === 1 ? 'verdi' : 'ulike verdier'}): ${crm} tar hver slik gruppe for én kontakt.`,
  twoOfNamePhoneEmail: ({ crm, rows, groups, rule, merges }) =>
    rows === 0
      ? 'Ingen rader deler to av navn, telefonnummer og e-post.'
      : merges
        ? `${nbRows(rows)} deler to av navn, telefonnummer og e-post med en annen rad, i ${groups} ${groups === 1 ? 'gruppe' : 'grupper'}: med ${rule} slår ${crm} sammen hver gruppe til ett lead (${groups} ${groups === 1 ? 'lead' : 'leads'} i stedet for ${rows}).`
        : `${nbRows(rows)} deler to av navn, telefonnummer og e-post med en annen rad, i ${groups} ${groups === 1 ? 'gruppe' : 'grupper'}: med ${rule} blir hver et eget lead, knyttet til de andre i gruppen.`,
};

export const summaryWords: Readonly<Record<Locale, SummaryWords>> = { en, nb };
