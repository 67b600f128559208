import type { ImportOptionsInput, MatchKey, OnMatch } from '../api';
import type { Locale } from '../validate';

/** What the person uploading decides, in the words of the options screen and `listprep upload`. */
export type UploadChoices = Readonly<{
  primaryKey: MatchKey;
  secondaryKey: MatchKey;
  onMatch: OnMatch;
  /** One action plan for every contact; null leaves it to each row's column, else the Default Action Plan. */
  actionPlanId: string | null;
  leadSourceId: string | null;
  salesCycleId: string | null;
  /** Columns not mapped to a template field: one `[import]` note per contact, or dropped. */
  unmappedColumns: 'note' | 'drop';
  /** The GDPR/TCPA confirmation; needed when any row allows texting or has an email address. */
  complianceConfirmed: boolean;
  locale: Locale;
}>;

/** The server's defaults: match on email, existing data wins (only empty fields are filled). */
export const defaultChoices: UploadChoices = {
  primaryKey: 'email',
  secondaryKey: 'none',
  onMatch: 'fill-blanks',
  actionPlanId: null,
  leadSourceId: null,
  salesCycleId: null,
  unmappedColumns: 'note',
  complianceConfirmed: false,
  locale: 'en',
};

export function importOptionsOf(choices: UploadChoices): ImportOptionsInput {
  return {
    duplicateKey: {
      primary: choices.primaryKey,
      secondary: choices.primaryKey === choices.secondaryKey ? 'none' : choices.secondaryKey,
    },
    onMatch: choices.onMatch,
    actionPlanId: choices.actionPlanId,
    leadSourceId: choices.leadSourceId,
    salesCycleId: choices.salesCycleId,
    unmappedColumns: choices.unmappedColumns,
    complianceConfirmed: choices.complianceConfirmed,
    locale: choices.locale,
  };
}
