/**
 * Cell styles of every workbook ListPrep writes, by index into `cellXfs`. Every style uses the Text number
 * format (`@`, built-in 49), the default one included: whatever a user types later into an empty cell in
 * Excel stays text too, so a phone typed as 0123456789 keeps its zero and an ID never turns into 1.2E+19.
 */
export const cellStyle = {
  text: 0,
  header: 1,
  wrapped: 2,
  error: 3,
  warning: 4,
  title: 5,
  bold: 6,
} as const;
export type CellStyle = (typeof cellStyle)[keyof typeof cellStyle];

const xf = (font: number, fill: number, extra = '') =>
  `<xf numFmtId="49" fontId="${font}" fillId="${fill}" borderId="0" xfId="0" applyNumberFormat="1"` +
  `${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${extra ? ` applyAlignment="1">${extra}</xf>` : '/>'}`;
const fill = (rgb: string) =>
  `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
const wrap = '<alignment vertical="top" wrapText="1"/>';

/** xl/styles.xml, matching `cellStyle`. The problem fills are Excel's own "Bad" and "Neutral" colours. */
export const stylesXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="3">' +
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>' +
  '</fonts>' +
  '<fills count="5">' +
  '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  `${fill('DDEBF7')}${fill('FFC7CE')}${fill('FFEB9C')}` +
  '</fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7">' +
  xf(0, 0) +
  xf(1, 2) +
  xf(0, 0, wrap) +
  xf(0, 3) +
  xf(0, 4) +
  xf(2, 0) +
  xf(1, 0) +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
