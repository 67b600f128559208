import { XlsxLimitError, type PartWriter, type XlsxPackage } from './xlsx-package';
import { columnLetters, xmlAttr, xmlT, xmlText } from './xml-text';

/** Excel's limits: rows per sheet and characters per cell. */
export const excelMaxRows = 1_048_576;
export const excelMaxCellChars = 32_767;

export type SheetOptions = Readonly<{
  /** Column widths in Excel's units (about one character each). */
  widths?: readonly number[];
  /** Keep row 1 in view while scrolling. */
  freezeHeader?: boolean;
  /** The sheet shown when the file opens. */
  selected?: boolean;
}>;

/** A dropdown list on a range; `formula` is a quoted list (`"1,0"`) or a range on another sheet. */
export type ListValidation = Readonly<{
  sqref: string;
  formula: string;
  errorTitle: string;
  error: string;
}>;

const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Streams one worksheet: rows of text cells, cell notes (comments plus their VML shapes, streamed into their
 * own parts as they come), dropdown validations and the frozen header. Every value is an inline string
 * (`t="inlineStr"`): nothing is ever a number or a formula, and no shared-string table has to be held in
 * memory for a million rows.
 */
export class SheetWriter {
  private readonly part: PartWriter;
  private started = false;
  private rowCount = 0;
  private maxCols = 0;
  private readonly letters: string[] = [];
  private comments: PartWriter | null = null;
  private vml: PartWriter | null = null;
  private noteCount = 0;
  private readonly validations: ListValidation[] = [];

  constructor(
    private readonly pkg: XlsxPackage,
    /** 1-based sheet number, which names its parts. */
    readonly number: number,
    private readonly options: SheetOptions = {},
  ) {
    this.part = pkg.openPart(`xl/worksheets/sheet${number}.xml`);
  }

  /** Rows written so far; the next row is `rows + 1`. */
  get rows(): number {
    return this.rowCount;
  }

  /**
   * Writes the next row. `styles` is one style for the whole row or one per cell; an empty cell is left out
   * unless it has a style of its own (a missing required value is still painted).
   */
  row(values: readonly string[], styles?: number | readonly (number | undefined)[]): number {
    if (!this.started) this.start();
    const r = ++this.rowCount;
    if (r > excelMaxRows) {
      throw new XlsxLimitError(`more than ${excelMaxRows - 1} rows, more than an Excel sheet can hold`);
    }
    if (values.length > this.maxCols) this.maxCols = values.length;
    const rowStyle = typeof styles === 'number' ? styles : undefined;
    let xml = `<row r="${r}">`;
    for (let c = 0; c < values.length; c++) {
      const value = values[c] ?? '';
      const style = rowStyle ?? (styles as readonly (number | undefined)[] | undefined)?.[c];
      if (value === '' && !style) continue;
      if (value.length > excelMaxCellChars) {
        throw new XlsxLimitError(
          `row ${r}, column ${this.letter(c)}: ${value.length} characters, more than the ${excelMaxCellChars} Excel allows in a cell`,
        );
      }
      const s = style ? ` s="${style}"` : '';
      xml +=
        value === ''
          ? `<c r="${this.letter(c)}${r}"${s}/>`
          : `<c r="${this.letter(c)}${r}"${s} t="inlineStr"><is>${xmlT(value)}</is></c>`;
    }
    this.part.write(`${xml}</row>`);
    return r;
  }

  /** Attaches a note (the hover box of Excel) to a cell; `row` is 1-based, `col` 0-based. */
  note(row: number, col: number, text: string): void {
    if (!this.comments || !this.vml) this.openNotes();
    const ref = `${this.letter(col)}${row}`;
    this.comments!.write(
      `<comment ref="${ref}" authorId="0"><text><r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr>${xmlT(text)}</r></text></comment>`,
    );
    // Long notes get a taller box; Excel does not grow a note to fit its text.
    const lines = Math.min(14, 3 + Math.ceil(text.length / 40));
    const top = Math.max(0, row - 2);
    this.vml!.write(
      `<v:shape id="_x0000_s${this.number * 1024 + 1 + this.noteCount}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:180pt;height:${lines * 12}pt;z-index:${this.noteCount + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
        '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
        `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${top}, 10, ${col + 4}, 15, ${top + lines}, 4</x:Anchor>` +
        `<x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`,
    );
    this.noteCount++;
  }

  addValidation(validation: ListValidation): void {
    this.validations.push(validation);
  }

  /** Ends the sheet and its note parts; returns whether it has notes (the package lists their parts). */
  close(): boolean {
    if (!this.started) this.start();
    let xml = '</sheetData>';
    if (this.validations.length) {
      xml += `<dataValidations count="${this.validations.length}">`;
      for (const v of this.validations) {
        xml +=
          `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="${xmlAttr(v.errorTitle)}"` +
          ` error="${xmlAttr(v.error)}" sqref="${v.sqref}"><formula1>${xmlText(v.formula)}</formula1></dataValidation>`;
      }
      xml += '</dataValidations>';
    }
    xml += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    if (this.rowCount && this.maxCols) {
      // Every cell is text on purpose; Excel's green "number stored as text" triangles would only alarm.
      xml += `<ignoredErrors><ignoredError sqref="A1:${this.letter(this.maxCols - 1)}${this.rowCount}" numberStoredAsText="1"/></ignoredErrors>`;
    }
    if (this.noteCount) xml += '<legacyDrawing r:id="rId1"/>';
    this.part.write(`${xml}</worksheet>`);
    this.pkg.closePart(this.part);
    if (!this.comments || !this.vml) return false;
    this.comments.write('</commentList></comments>');
    this.vml.write('</xml>');
    this.pkg.closePart(this.comments);
    this.pkg.closePart(this.vml);
    this.pkg.addPart(
      `xl/worksheets/_rels/sheet${this.number}.xml.rels`,
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${relNs}/vmlDrawing" Target="../drawings/vmlDrawing${this.number}.vml"/>` +
        `<Relationship Id="rId2" Type="${relNs}/comments" Target="../comments${this.number}.xml"/>` +
        '</Relationships>',
    );
    return true;
  }

  private letter(col: number): string {
    let letter = this.letters[col];
    if (letter === undefined) {
      letter = columnLetters(col);
      this.letters[col] = letter;
    }
    return letter;
  }

  private start(): void {
    this.started = true;
    const { widths, freezeHeader, selected } = this.options;
    let xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${mainNs}" xmlns:r="${relNs}"><sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>`;
    xml += freezeHeader
      ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
      : '<selection activeCell="A1" sqref="A1"/>';
    xml += '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
    if (widths?.length) {
      xml += '<cols>';
      widths.forEach((width, i) => {
        xml += `<col min="${i + 1}" max="${i + 1}" width="${width.toFixed(2)}" customWidth="1"/>`;
      });
      xml += '</cols>';
    }
    this.part.write(`${xml}<sheetData>`);
  }

  private openNotes(): void {
    this.comments = this.pkg.openPart(`xl/comments${this.number}.xml`);
    this.comments.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<comments xmlns="${mainNs}"><authors><author>ListPrep</author></authors><commentList>`,
    );
    this.vml = this.pkg.openPart(`xl/drawings/vmlDrawing${this.number}.vml`);
    this.vml.write(
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
        `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${this.number}"/></o:shapelayout>` +
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>',
    );
  }
}
