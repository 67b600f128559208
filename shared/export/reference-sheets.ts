import type { LookupList, Lookups, Template } from '../template';
import type { Locale } from '../validate';
import { exportWords } from './export-words';
import { type CellStyle, cellStyle } from './xlsx-styles';

/** A small sheet held whole: rows with a style each, and column widths. */
export type SheetContent = Readonly<{
  widths: readonly number[];
  rows: readonly Readonly<{
    values: readonly string[];
    style?: CellStyle;
    cellStyles?: readonly CellStyle[];
  }>[];
  freezeHeader: boolean;
}>;

/**
 * The template's ID sheets and the account list each one shows. Keyed by sheet name, so a second CRM's
 * template gets its ID sheets by naming them here; an unknown sheet name is written empty.
 */
export const idSheetLists: Readonly<Record<string, LookupList>> = {
  'Action Plan IDs': 'actionPlans',
  'Sales Cycle IDs': 'salesCycles',
  'Lead Source IDs': 'leadSources',
};

export type ReferenceContext = Readonly<{ template: Template; lookups?: Lookups; locale: Locale }>;

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
): SheetContent {
  return {
    widths,
    freezeHeader: true,
    rows: [{ values: header, style: cellStyle.header }, ...rows.map((values) => ({ values }))],
  };
}

function instructions({ template, locale }: ReferenceContext): SheetContent {
  const words = exportWords[locale];
  const intro = words.instructionsIntro({
    crm: template.crm,
    dataSheet: template.sheets[0],
    required: template.fields.filter((f) => f.required).map((f) => f.header),
  });
  return {
    widths: [24, 28, 80, 10],
    freezeHeader: false,
    rows: [
      { values: [words.instructionsTitle(template.crm)], style: cellStyle.title },
      ...intro.map((line) => ({ values: [line] })),
      { values: [] },
      { values: words.instructionsColumns, style: cellStyle.header },
      ...template.fields.map((field) => ({
        values: [field.header, field.label[locale], field.hint[locale], field.required ? words.required : ''],
        cellStyles: [cellStyle.bold, cellStyle.wrapped, cellStyle.wrapped, cellStyle.text],
      })),
    ],
  };
}

function states({ template, locale }: ReferenceContext): SheetContent {
  const words = exportWords[locale];
  return table(
    words.statesColumns,
    template.regions.map((r) => [r.code, r.name, words.country[r.country]]),
    [8, 28, 16],
  );
}

function idList(list: LookupList, { lookups, locale }: ReferenceContext): SheetContent {
  const words = exportWords[locale];
  const items = lookups?.[list];
  if (!items)
    return {
      widths: [110],
      freezeHeader: false,
      rows: words.idUnknown(list).map((line) => ({ values: [line] })),
    };
  const longest = items.reduce((n, item) => Math.max(n, item.name.length), 10);
  return table(
    words.idColumns,
    items.map((item) => [item.id, item.name]),
    [12, Math.min(60, longest + 2)],
  );
}

/** The content of a reference sheet of the template workbook, or null for a sheet ListPrep leaves empty. */
export function referenceSheet(name: string, context: ReferenceContext): SheetContent | null {
  const words = exportWords[context.locale];
  switch (name) {
    case 'Instructions':
      return instructions(context);
    case 'State Abbreviations':
      return states(context);
    case 'Postal Code Format':
      return table(words.postalColumns, words.postalRows, [20, 16, 64]);
    case 'Date Format':
      return table(words.dateColumns, words.dateRows, [18, 44, 48]);
    default: {
      const list = idSheetLists[name];
      return list ? idList(list, context) : null;
    }
  }
}
