import type { CsvOutputDelimiter, Template } from '../template';
import type { LikelyDuplicates, Locale } from '../validate';
import { summaryWords } from './summary-words';

// What an export tells about the CRM's import before anyone runs it: the choices made for it (MainBrainer's
// duplicate keys and master data, the dealer CRM's Merge or Create and lead type) with what they do, and the
// counts the template's summary asks for, taken on the exported rows. The same in the CLI and the app.

/** The person's choices for the CRM's import (template.choices), by id: option values. */
export type ImportChoices = Readonly<Record<string, string>>;

export type ChoicesResult =
  | Readonly<{ ok: true; choices: ImportChoices }>
  | Readonly<{ ok: false; reason: string }>;

/** The choices given, every other one at its default; an unknown choice or option is refused with a reason. */
export function resolveChoices(template: Template, given: Readonly<Record<string, string>>): ChoicesResult {
  const choices: Record<string, string> = {};
  for (const [id, value] of Object.entries(given)) {
    const choice = template.choices.find((c) => c.id === id);
    if (!choice) {
      const known = template.choices.map((c) => c.id).join(', ');
      return {
        ok: false,
        reason: `${template.crm} has no import choice "${id}"${known ? ` (choices: ${known})` : ''}`,
      };
    }
    if (!choice.options.some((o) => o.value === value)) {
      return {
        ok: false,
        reason: `${id} must be one of ${choice.options.map((o) => o.value).join(', ')}, not "${value}"`,
      };
    }
    choices[id] = value;
  }
  for (const choice of template.choices) choices[choice.id] ??= choice.default;
  return { ok: true, choices };
}

/** How the template's CSV is written: its delimiter (the person's choice among those it takes) and BOM. */
export function csvFormatOf(
  template: Template,
  delimiter?: string,
): Readonly<{ delimiter: CsvOutputDelimiter; bom: boolean }> {
  const allowed = template.export.csv.delimiters;
  const chosen = allowed.find((d) => d === delimiter) ?? allowed[0];
  return { delimiter: chosen, bom: template.export.csv.bom };
}

/** The counts behind the summary, for `--json` and tests. */
export type SummaryCounts = {
  rows: number;
  rowsWithData: number;
  /** updateKey: rows with the ID (may update) and without (created). */
  withKey?: number;
  withoutKey?: number;
  /** matchKeys: rows by what their keys allow. */
  withPrimary?: number;
  bySecondaryOnly?: number;
  withNeither?: number;
  /** matchKeys: rows whose primary key another row has too, and how many keys those are. */
  sharedPrimaryRows?: number;
  sharedPrimaryKeys?: number;
  /** twoOfNamePhoneEmail: rows agreeing with another on two of name, phone and email, and their groups. */
  likelyRows?: number;
  likelyGroups?: number;
};

export type ImportSummary = Readonly<{
  choices: ImportChoices;
  counts: SummaryCounts;
  /** Sentences for people, in the requested language: each choice and what it does, then the counts. */
  lines: readonly string[];
}>;

const blank = (value: string | undefined) => value === undefined || value.trim() === '';

/** The key a value matches by in the CRM: an email in any case, a phone by its digits, an ID as typed. */
function matchKey(value: string, kind: string | undefined): string {
  const trimmed = value.trim();
  if (kind === 'email') return trimmed.toLowerCase();
  if (kind === 'phoneIntl' || kind === 'phone10') return trimmed.replace(/\D/g, '');
  return trimmed;
}

/**
 * Counts the exported rows for the template's summary, one row at a time (the CLI streams a million rows
 * through it; it keeps one number per distinct primary key, and only for `matchKeys`).
 */
export class ImportSummaryCounter {
  private readonly counts: SummaryCounts = { rows: 0, rowsWithData: 0 };
  private readonly updateCol: number;
  private readonly primaryCol: number;
  private readonly secondaryCol: number;
  private readonly primaryKind: string | undefined;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly template: Template,
    /** The exported file's headers, in the order of the rows given to `add`. */
    headers: readonly string[],
    private readonly choices: ImportChoices,
  ) {
    const colOfOption = (choiceId: string | undefined) => {
      const choice = template.choices.find((c) => c.id === choiceId);
      const field = choice?.options.find((o) => o.value === choices[choice.id])?.field;
      return field ? headers.indexOf(field) : -1;
    };
    const update = template.summary.find((p) => p.kind === 'updateKey');
    this.updateCol = update?.kind === 'updateKey' ? headers.indexOf(update.field) : -1;
    const match = template.summary.find((p) => p.kind === 'matchKeys');
    this.primaryCol = colOfOption(match?.kind === 'matchKeys' ? match.primary : undefined);
    this.secondaryCol = colOfOption(match?.kind === 'matchKeys' ? match.secondary : undefined);
    const primaryHeader = this.primaryCol >= 0 ? headers[this.primaryCol] : undefined;
    this.primaryKind = template.fields.find((f) => f.header === primaryHeader)?.kind;
    if (update) Object.assign(this.counts, { withKey: 0, withoutKey: 0 });
    if (match) Object.assign(this.counts, { withPrimary: 0, bySecondaryOnly: 0, withNeither: 0 });
  }

  /** One exported row, in the headers' order. */
  add(row: readonly string[]): void {
    const counts = this.counts;
    counts.rows++;
    if (row.some((value) => !blank(value))) counts.rowsWithData++;
    if (counts.withKey !== undefined && counts.withoutKey !== undefined) {
      if (this.updateCol >= 0 && !blank(row[this.updateCol])) counts.withKey++;
      else counts.withoutKey++;
    }
    if (
      counts.withPrimary !== undefined &&
      counts.bySecondaryOnly !== undefined &&
      counts.withNeither !== undefined
    ) {
      const primary = this.primaryCol >= 0 ? (row[this.primaryCol] ?? '') : '';
      if (!blank(primary)) {
        counts.withPrimary++;
        const key = matchKey(primary, this.primaryKind);
        this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
      } else if (this.secondaryCol >= 0 && !blank(row[this.secondaryCol])) counts.bySecondaryOnly++;
      else counts.withNeither++;
    }
  }

  /**
   * The summary of the rows added. `likely` is the count of rows agreeing on two of name, phone and email,
   * which needs the whole list's duplicate index (the validator's): the caller counts it.
   */
  result(locale: Locale, likely?: LikelyDuplicates): ImportSummary {
    const counts: SummaryCounts = { ...this.counts };
    if (counts.withPrimary !== undefined) {
      let rows = 0;
      let keys = 0;
      for (const n of this.seen.values()) {
        if (n < 2) continue;
        rows += n;
        keys++;
      }
      counts.sharedPrimaryRows = rows;
      counts.sharedPrimaryKeys = keys;
    }
    if (this.template.summary.some((p) => p.kind === 'twoOfNamePhoneEmail')) {
      counts.likelyRows = likely?.rows ?? 0;
      counts.likelyGroups = likely?.groups ?? 0;
    }
    return { choices: this.choices, counts, lines: this.lines(locale, counts) };
  }

  private lines(locale: Locale, counts: SummaryCounts): string[] {
    const { template, choices } = this;
    const words = summaryWords[locale];
    const out: string[] = [];
    const optionOf = (id: string) => {
      const choice = template.choices.find((c) => c.id === id);
      return choice?.options.find((o) => o.value === choices[id]);
    };
    for (const choice of template.choices) {
      const option = optionOf(choice.id);
      if (!option) continue;
      out.push(words.choice(choice.label[locale], option.label[locale], option.explain?.[locale]));
    }
    const labelOf = (header: string) =>
      template.fields.find((f) => f.header === header)?.label[locale] ?? header;
    for (const part of template.summary) {
      switch (part.kind) {
        case 'rowsWithData':
          out.push(words.rowsWithData(counts.rowsWithData, template.crm, part.column));
          break;
        case 'updateKey': {
          const field = template.fields.find((f) => f.header === part.field);
          const otherKeys = template.groups
            .find((g) => g.id === field?.group)
            ?.keys.filter((k) => k !== part.field)
            .map(labelOf);
          out.push(
            words.updateKey({
              crm: template.crm,
              label: labelOf(part.field),
              created: counts.withoutKey ?? 0,
              updated: counts.withKey ?? 0,
              otherKeys: otherKeys ?? [],
            }),
          );
          break;
        }
        case 'matchKeys': {
          const primary = optionOf(part.primary);
          const secondary = optionOf(part.secondary);
          if (!primary?.field) break;
          out.push(
            words.matchKeys({
              crm: template.crm,
              primary: primary.label[locale],
              secondary: secondary?.field ? secondary.label[locale] : null,
              withPrimary: counts.withPrimary ?? 0,
              bySecondaryOnly: counts.bySecondaryOnly ?? 0,
              withNeither: counts.withNeither ?? 0,
            }),
          );
          if (counts.sharedPrimaryRows)
            out.push(
              words.sharedKeys({
                crm: template.crm,
                key: primary.label[locale],
                rows: counts.sharedPrimaryRows,
                keys: counts.sharedPrimaryKeys ?? 0,
              }),
            );
          break;
        }
        case 'twoOfNamePhoneEmail': {
          const option = optionOf(part.choice);
          out.push(
            words.twoOfNamePhoneEmail({
              crm: template.crm,
              rows: counts.likelyRows ?? 0,
              groups: counts.likelyGroups ?? 0,
              rule: option?.label[locale] ?? '',
              merges: choices[part.choice] === part.merge,
            }),
          );
          break;
        }
      }
    }
    return out;
  }
}
