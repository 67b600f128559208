import { suggestFix } from '../../../shared/fix';
import { type ColumnTarget, splitFullName } from '../../../shared/mapping';
import type { Lookups, Template } from '../../../shared/template';
import { compileCellCheck, type IssueCode } from '../../../shared/validate';

/**
 * One sample value of a column as the list will have it: where it lands (a split name gives two values),
 * and then what the validator says and what a safe fix makes of it. Nothing is changed on the Map screen:
 * this is what the Fix screen will show and offer.
 */
export type PreviewValue = Readonly<{
  /** The template field's header the value goes to. */
  field: string;
  /** Which sample it comes from (its place among the samples). */
  sample: number;
  value: string;
  /** The validator's problem with the value, or null. */
  code: IssueCode | null;
  /** A safe fix's value, when one exists. */
  fixed: string | null;
}>;

/** The samples of a column previewed for its target; none for a column skipped, kept as a note or custom. */
export function previewColumn(
  template: Template,
  target: ColumnTarget,
  samples: readonly string[],
  lookups?: Lookups,
): PreviewValue[] {
  const parts: { header: string; of: (value: string) => string }[] =
    target.kind === 'field'
      ? [{ header: target.header, of: (v) => v }]
      : target.kind === 'split'
        ? [
            { header: target.fields[0], of: (v) => splitFullName(v).first },
            { header: target.fields[1], of: (v) => splitFullName(v).last },
          ]
        : [];
  const out: PreviewValue[] = [];
  for (const part of parts) {
    const field = template.fields.find((f) => f.header === part.header);
    if (!field) continue;
    const check = compileCellCheck(field, template, lookups);
    samples.forEach((source, sample) => {
      const value = part.of(source);
      const code = check(value);
      const fix = code ? suggestFix(field, value, { template, lookups }) : null;
      out.push({ field: part.header, sample, value, code, fixed: fix?.value ?? null });
    });
  }
  return out;
}
