import { type DateFormatParts, dateFormatParts } from './excel-date';
import { attribute } from './xml-tokenizer';
import { attributeText } from './xml-unescape';
import type { ZipEntry } from './zip-directory';
import type { ZipReader } from './zip-reader';

// The styles part, read only as far as number formats go: a cell's style index leads to a cellXfs entry,
// which names a number format, built in (by id) or written in the part. Fonts, fills and borders are skipped.

export const formatKinds = { general: 0, text: 1, date: 2, other: 3 } as const;

/** A number format as the cell reader uses it, worked out once per style. */
export type NumberFormat = Readonly<{
  code: string;
  kind: (typeof formatKinds)[keyof typeof formatKinds];
  /** What a date format shows; null for other formats. */
  date: DateFormatParts | null;
}>;

// Excel's built-in formats as the en-US Excel shows them; 27-36 and 50-58 are East Asian date formats.
const builtIn: ReadonlyMap<number, string> = new Map([
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [5, '"$"#,##0_);("$"#,##0)'],
  [6, '"$"#,##0_);[Red]("$"#,##0)'],
  [7, '"$"#,##0.00_);("$"#,##0.00)'],
  [8, '"$"#,##0.00_);[Red]("$"#,##0.00)'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'm/d/yyyy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'm/d/yyyy h:mm'],
  ...[27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id): [number, string] => [
    id,
    'yyyy-mm-dd',
  ]),
  [32, 'h:mm:ss'],
  [33, 'h:mm:ss'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00;(#,##0.00)'],
  [40, '#,##0.00;[Red](#,##0.00)'],
  [41, '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)'],
  [42, '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)'],
  [43, '_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_);_(@_)'],
  [44, '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mm:ss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
  [55, 'h:mm AM/PM'],
  [56, 'h:mm:ss AM/PM'],
]);

const general: NumberFormat = { code: 'General', kind: formatKinds.general, date: null };

/** True when the format shows a number as a date or a time (`d m y h s`, AM/PM, elapsed `[h]`). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\.|[_*]./g, '')
    .replace(/\[(?!h+\]|m+\]|s+\])[^\]]*\]/gi, '');
  return /[dmyhs]|AM\/PM|A\/P/i.test(bare);
}

function describe(code: string): NumberFormat {
  const trimmed = code.trim();
  if (trimmed === '' || /^general$/i.test(trimmed)) return general;
  if (trimmed === '@') return { code, kind: formatKinds.text, date: null };
  if (isDateFormat(trimmed)) return { code, kind: formatKinds.date, date: dateFormatParts(trimmed) };
  return { code, kind: formatKinds.other, date: null };
}

/** Each cell style's number format, worked out on first use. */
export class CellFormats {
  private readonly known: (NumberFormat | undefined)[] = [];

  constructor(
    /** The number format id of each cellXfs entry, by style index. */
    private readonly formatIds: readonly number[] = [],
    /** The formats written in the styles part, by id. */
    private readonly written: ReadonlyMap<number, string> = new Map(),
  ) {}

  formatOf(style: number): NumberFormat {
    if (style === 0 && this.formatIds.length === 0) return general;
    const known = this.known[style];
    if (known) return known;
    const id = this.formatIds[style] ?? 0;
    const format = describe(this.written.get(id) ?? builtIn.get(id) ?? 'General');
    if (style < this.formatIds.length) this.known[style] = format;
    return format;
  }
}

/** Reads the number formats of the styles part (none: every cell is General). */
export async function readCellFormats(zip: ZipReader, entry: ZipEntry | null): Promise<CellFormats> {
  if (!entry) return new CellFormats();
  const formatIds: number[] = [];
  const written = new Map<number, string>();
  let inFormats = false;
  let inCellXfs = false;
  let xfDepth = 0;
  await zip.readXml(entry, {
    open: (name, attributes, empty) => {
      if (inCellXfs) {
        if (name === 'xf' && xfDepth === 0) {
          const id = Number(attribute(attributes, 'numFmtId') ?? 0);
          formatIds.push(Number.isInteger(id) && id >= 0 ? id : 0);
        }
        if (!empty) xfDepth++;
      } else if (name === 'numFmts') {
        inFormats = !empty;
      } else if (name === 'cellXfs') {
        inCellXfs = !empty;
      } else if (inFormats && name === 'numFmt') {
        const id = Number(attribute(attributes, 'numFmtId'));
        const code = attribute(attributes, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) written.set(id, attributeText(code));
      }
    },
    close: (name) => {
      if (inCellXfs) {
        if (xfDepth > 0) xfDepth--;
        else if (name === 'cellXfs') inCellXfs = false;
      } else if (name === 'numFmts') {
        inFormats = false;
      }
    },
  });
  return new CellFormats(formatIds, written);
}
