import {
  isoCountryCodes,
  type LookupList,
  type Lookups,
  type SheetContent as SheetShows,
  type Template,
} from '../template';
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

// ClientTether's sheets, known by their names (its template predates `sheetContents`).
const shownByName: Readonly<Record<string, SheetShows>> = {
  Instructions: 'instructions',
  'State Abbreviations': 'regions',
  'Postal Code Format': 'postalFormat',
  'Date Format': 'dateFormat',
  ...idSheetLists,
};

/** What a sheet of the template's workbook shows: the template's `sheetContents`, else by its name. */
export function sheetShows(template: Template, name: string): SheetShows | undefined {
  return template.sheetContents[name] ?? shownByName[name];
}

/** The sheet of the template's workbook that shows a content (a list's sheet, the countries), if any. */
export function sheetShowing(template: Template, content: SheetShows): string | undefined {
  return template.sheets.slice(1).find((name) => sheetShows(template, name) === content);
}

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
    keys: template.groups
      .filter((g) => g.keys.length)
      .map((g) => ({ group: g.label[locale], keys: g.keys, any: g.keyRule === 'any', always: g.always })),
    allOrNothing: template.allOrNothing,
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

function states({ template, lookups, locale }: ReferenceContext): SheetContent {
  const words = exportWords[locale];
  // The account's own states (Configio's Countries and States) when known.
  const own = template.fields.some((f) => f.kind === 'region' && f.lookup === 'states')
    ? lookups?.states
    : undefined;
  if (own)
    return table(
      words.idColumns,
      own.map((item) => [item.id, item.name]),
      [8, 28],
    );
  return table(
    words.statesColumns,
    template.regions.map((r) => [r.code, r.name, words.country[r.country]]),
    [8, 28, 16],
  );
}

/** The countries a country column takes: the account's when known, else ISO 3166's with their names. */
export function countryRows(lookups: Lookups | undefined, locale: Locale): string[][] {
  const own = lookups?.countries;
  if (own) return own.map((item) => [item.id, item.name]);
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  } catch {
    names = null;
  }
  return isoCountryCodes.map((code) => [code, names?.of(code) ?? '']);
}

function countries({ lookups, locale }: ReferenceContext): SheetContent {
  return table(exportWords[locale].countryColumns, countryRows(lookups, locale), [8, 40]);
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
  const shows = sheetShows(context.template, name);
  switch (shows) {
    case undefined:
      return null;
    case 'instructions':
      return instructions(context);
    case 'regions':
      return states(context);
    case 'countries':
      return countries(context);
    case 'postalFormat':
      return table(words.postalColumns, words.postalRows, [20, 16, 64]);
    case 'dateFormat':
      return table(words.dateColumns, words.dateRows, [18, 44, 48]);
    default:
      return idList(shows, context);
  }
}
