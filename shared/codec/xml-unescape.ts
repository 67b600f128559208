// Text as SpreadsheetML writes it, back to the value: XML's references and line ends first, then Excel's
// own `_xHHHH_` escape (ECMA-376 ST_Xstring), in which Excel writes characters XML cannot hold (most control
// characters) and writes a literal `_xHHHH_` as `_x005F_xHHHH_`. Only the five predefined entities exist:
// a workbook that declares others is refused before its XML is read.

const named: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** The value of element text as written between tags (for `<t>`, `<v>`): references, line ends, `_xHHHH_`. */
export function elementText(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 38 || c === 13 || c === 95) return slowText(raw, true);
  }
  return raw;
}

/** The value of an attribute (a sheet's name): references and `_xHHHH_`. */
export function attributeText(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 38 || c === 95 || c === 9 || c === 10 || c === 13) return slowText(raw, false);
  }
  return raw;
}

function slowText(raw: string, element: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 13 || (!element && (c === 9 || c === 10))) {
      // XML reads a raw CR LF or CR as LF (an attribute's tab and line breaks as spaces); a CR written as
      // `&#13;` stays a CR.
      out += raw.slice(from, i) + (element ? '\n' : ' ');
      if (c === 13 && raw.charCodeAt(i + 1) === 10) i++;
      from = i + 1;
    } else if (c === 38) {
      const end = raw.indexOf(';', i + 1);
      const value = end === -1 || end - i > 10 ? undefined : reference(raw.slice(i + 1, end));
      if (value === undefined) continue; // not a reference: the ampersand stays as written
      out += raw.slice(from, i) + value;
      i = end;
      from = end + 1;
    }
  }
  return excelUnescape(from === 0 ? raw : out + raw.slice(from));
}

function reference(name: string): string | undefined {
  if (name.charCodeAt(0) !== 35) return named.get(name);
  const hex = name.charCodeAt(1) === 120 || name.charCodeAt(1) === 88;
  const digits = name.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

const excelEscape = /_x([0-9A-Fa-f]{4})_/g;

/** Decodes Excel's `_xHHHH_` escapes, left to right: `_x005F_x0041_` is the text `_x0041_`. */
export function excelUnescape(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(excelEscape, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
