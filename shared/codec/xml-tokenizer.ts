import { ReadError } from './errors';

// A small streaming XML tokenizer for the workbook's parts other than the sheet being read (those have their
// own scanner, sheet-scanner.ts): the content types, relationships, the workbook, styles, shared strings.
// No DOM and no entity expansion: a document type declaration is refused outright (billion laughs, external
// entities), so only the five predefined entities can occur. Element names arrive without their namespace
// prefix (`x:sheet` is `sheet`): some writers prefix every element.

export type XmlEvents = Readonly<{
  /** An element starts: its local name, its attributes as written, and whether it ends at once (`<a/>`). */
  open?: (name: string, attributes: string, empty: boolean) => void;
  close?: (name: string) => void;
  /** Text between tags as written (references unresolved), possibly cut into several calls. */
  text?: (raw: string) => void;
}>;

/** A single tag, comment or CDATA section longer than this is no workbook's. */
const maxConstructChars = 16 * 1024 * 1024;

export function doctypeError(part: string): ReadError {
  return new ReadError(
    'xlsx.doctype',
    `the workbook's part "${part}" declares a DOCTYPE or ENTITY, which Excel never writes and attacks use; refused`,
  );
}

export function brokenXml(part: string): ReadError {
  return new ReadError(
    'xlsx.corrupt',
    `the workbook is damaged ("${part}" is not complete XML); open it in Excel and save it again`,
  );
}

/** The local name of a tag starting at `at` (just after `<` or `</`), and where the name ends. */
export function tagName(text: string, at: number): { name: string; end: number } {
  let end = at;
  let colon = -1;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (c === 58) colon = end;
    else if (c === 62 || c === 47 || c <= 32) break;
  }
  return { name: text.slice(colon === -1 ? at : colon + 1, end), end };
}

/** Where the tag whose attributes start at `at` ends (the index of its `>`), skipping quoted values; -1 if not here. */
export function tagEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 62) return i;
    if (c === 34 || c === 39) {
      const close = text.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close;
    }
  }
  return -1;
}

/**
 * The raw value of the attribute with this name, or undefined. A prefixed attribute matches its local name
 * (`r:id` is `id`), except namespace declarations.
 */
export function attribute(attributes: string, name: string): string | undefined {
  let i = 0;
  const n = attributes.length;
  while (i < n) {
    while (i < n && attributes.charCodeAt(i) <= 32) i++;
    const start = i;
    while (i < n) {
      const c = attributes.charCodeAt(i);
      if (c === 61 || c <= 32) break;
      i++;
    }
    const qualified = attributes.slice(start, i);
    while (i < n && attributes.charCodeAt(i) <= 32) i++;
    if (attributes.charCodeAt(i) !== 61) return undefined;
    i++;
    while (i < n && attributes.charCodeAt(i) <= 32) i++;
    const quote = attributes.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return undefined;
    const close = attributes.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close === -1) return undefined;
    if (qualified === name) return attributes.slice(i + 1, close);
    const colon = qualified.indexOf(':');
    if (colon !== -1 && qualified.slice(colon + 1) === name && !qualified.startsWith('xmlns'))
      return attributes.slice(i + 1, close);
    i = close + 1;
  }
  return undefined;
}

/** Feeds pieces of a part's text and calls `events` for each tag and text, in order. Throws `ReadError`. */
export class XmlTokenizer {
  private carry = '';
  private depth = 0;
  private rootSeen = false;

  constructor(
    private readonly part: string,
    private readonly events: XmlEvents,
  ) {}

  push(piece: string): void {
    const text = this.carry ? this.carry + piece : piece;
    this.carry = '';
    let pos = 0;
    for (;;) {
      const lt = text.indexOf('<', pos);
      if (lt === -1) {
        if (pos < text.length) this.textAt(text.slice(pos));
        return;
      }
      if (lt > pos) this.textAt(text.slice(pos, lt));
      const next = this.construct(text, lt);
      if (next === -1) {
        this.carry = text.slice(lt);
        if (this.carry.length > maxConstructChars) throw brokenXml(this.part);
        return;
      }
      pos = next;
    }
  }

  /** The part has ended: its root element must have closed. */
  end(): void {
    if (this.carry || this.depth !== 0 || !this.rootSeen) throw brokenXml(this.part);
  }

  private textAt(raw: string): void {
    if (this.depth > 0) this.events.text?.(raw);
  }

  /** Handles the construct starting with `<` at `lt`; returns where it ends, or -1 when it is not all here. */
  private construct(text: string, lt: number): number {
    const next = text.charCodeAt(lt + 1);
    if (Number.isNaN(next)) return -1;
    if (next === 63) {
      const close = text.indexOf('?>', lt + 2);
      return close === -1 ? -1 : close + 2;
    }
    if (next === 33) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        return close === -1 ? -1 : close + 3;
      }
      if (text.length < lt + 9) return -1;
      if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close === -1) return -1;
        // Literal text: its ampersands are escaped, so whoever resolves references gets it back as written.
        this.textAt(text.slice(lt + 9, close).replace(/&/g, '&amp;'));
        return close + 3;
      }
      throw doctypeError(this.part);
    }
    if (next === 47) {
      const { name, end } = tagName(text, lt + 2);
      const close = text.indexOf('>', end);
      if (close === -1) return -1;
      if (this.depth === 0) throw brokenXml(this.part);
      this.depth--;
      this.events.close?.(name);
      return close + 1;
    }
    const { name, end } = tagName(text, lt + 1);
    const close = tagEnd(text, end);
    if (close === -1) return -1;
    const empty = text.charCodeAt(close - 1) === 47;
    if (this.depth === 0 && this.rootSeen) throw brokenXml(this.part);
    this.rootSeen = true;
    if (!empty) this.depth++;
    this.events.open?.(name, text.slice(end, empty ? close - 1 : close), empty);
    return close + 1;
  }
}
