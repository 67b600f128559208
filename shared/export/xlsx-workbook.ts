import { type ChunkSink, XlsxPackage } from './xlsx-package';
import { type SheetOptions, SheetWriter } from './xlsx-sheet';
import { stylesXml } from './xlsx-styles';
import { xmlAttr, xmlText } from './xml-text';

const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const pkgRelNs = 'http://schemas.openxmlformats.org/package/2006/relationships';
const docRelNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const typeOf = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  sheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
};

export type WorkbookOptions = Readonly<{
  /** Deflate level: 1 is several times faster than the default 6 and the file only slightly larger. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Recorded in the document properties. */
  createdAt?: Date;
}>;

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
export function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name)) {
    throw new Error(`"${name}" cannot be an Excel sheet name`);
  }
}

/**
 * Writes an XLSX workbook whose sheets are known by name up front (their order in the file) and filled in
 * any order: the large data sheet streams first, the small reference sheets follow. Sheets never filled
 * are written empty.
 */
export class XlsxWorkbookWriter {
  private readonly pkg: XlsxPackage;
  private readonly started = new Set<number>();
  private readonly withNotes = new Set<number>();
  private finished = false;

  constructor(
    readonly sheetNames: readonly string[],
    onChunk: ChunkSink,
    private readonly options: WorkbookOptions = {},
  ) {
    const seen = new Set<string>();
    for (const name of sheetNames) {
      checkSheetName(name);
      if (seen.has(name.toLowerCase())) throw new Error(`two sheets are named "${name}"`);
      seen.add(name.toLowerCase());
    }
    this.pkg = new XlsxPackage(onChunk, options.level ?? 1);
    // The workbook's own parts go first: a streaming reader (exceljs's WorkbookReader) parses a sheet on
    // the fly only when it has already seen the workbook, its relationships and a shared-string table;
    // otherwise it copies the whole sheet to a temporary file first. Cells are inline, so the table is empty.
    const count = this.sheetNames.length;
    const sheetNumbers = this.sheetNames.map((_, i) => i + 1);

    this.pkg.addPart(
      'xl/workbook.xml',
      `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${docRelNs}">` +
        '<bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
        this.sheetNames
          .map((name, i) => `<sheet name="${xmlAttr(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('') +
        '</sheets></workbook>',
    );
    this.pkg.addPart(
      'xl/_rels/workbook.xml.rels',
      `${head}<Relationships xmlns="${pkgRelNs}">` +
        sheetNumbers
          .map(
            (n) =>
              `<Relationship Id="rId${n}" Type="${docRelNs}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${count + 1}" Type="${docRelNs}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${count + 2}" Type="${docRelNs}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    );
    this.pkg.addPart('xl/styles.xml', stylesXml);
    this.pkg.addPart(
      'xl/sharedStrings.xml',
      `${head}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>`,
    );
  }

  /** Starts the sheet of that name; close it with `closeSheet`. */
  sheet(name: string, options: SheetOptions = {}): SheetWriter {
    const index = this.sheetNames.indexOf(name);
    if (index < 0) throw new Error(`no sheet "${name}" in this workbook`);
    if (this.started.has(index)) throw new Error(`sheet "${name}" was already written`);
    this.started.add(index);
    return new SheetWriter(this.pkg, index + 1, options);
  }

  closeSheet(sheet: SheetWriter): void {
    if (sheet.close()) this.withNotes.add(sheet.number);
  }

  /** Writes the empty sheets, the workbook's own parts and the ZIP directory. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.sheetNames.forEach((name, i) => {
      if (!this.started.has(i)) this.closeSheet(this.sheet(name));
    });
    const sheetNumbers = this.sheetNames.map((_, i) => i + 1);
    const created = (this.options.createdAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.pkg.addPart(
      'docProps/core.xml',
      `${head}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>ListPrep</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
    );
    this.pkg.addPart(
      'docProps/app.xml',
      `${head}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
        `<Application>${xmlText('ListPrep')}</Application></Properties>`,
    );
    this.pkg.addPart(
      '_rels/.rels',
      `${head}<Relationships xmlns="${pkgRelNs}">` +
        `<Relationship Id="rId1" Type="${docRelNs}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${pkgRelNs}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${docRelNs}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    );
    const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
    this.pkg.addPart(
      '[Content_Types].xml',
      `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
        override('xl/workbook.xml', typeOf.workbook) +
        sheetNumbers.map((n) => override(`xl/worksheets/sheet${n}.xml`, typeOf.sheet)).join('') +
        [...this.withNotes].map((n) => override(`xl/comments${n}.xml`, typeOf.comments)).join('') +
        override('xl/styles.xml', typeOf.styles) +
        override('xl/sharedStrings.xml', typeOf.sharedStrings) +
        override('docProps/core.xml', typeOf.core) +
        override('docProps/app.xml', typeOf.app) +
        '</Types>',
    );
    this.pkg.end();
  }
}
