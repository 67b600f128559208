// Numbers as people see them in Excel, where that keeps information and nothing else: a ZIP code 01234 stored
// as 1234 with the format 00000 reads "01234"; a long ID reads as its digits, never 1.23E+18; 0.1+0.2 reads
// "0.3". Grouping, currency and fixed decimals add no information and would only be fixed away again, so
// they are left out ("12500", not "$12,500.00").

// Made on first use: creating it loads ICU's number data, about 27 ms that every command paid at start-up
// even when it reads no Excel file.
let general: Intl.NumberFormat | undefined;

/** A number the way Excel's General format shows it in a wide cell, up to its 15 significant digits. */
export function generalNumber(value: number): string {
  if (value === 0) return '0';
  general ??= new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
  return general.format(value);
}

/** The text of a number cell given its number format (`General`, `00000`, `0%`, `#,##0.00`…). */
export function formatExcelNumber(value: number, numFmt: string | undefined): string {
  if (!numFmt || /^(general|@)$/i.test(numFmt.trim())) return generalNumber(value);
  const section = pickSection(numFmt, value);
  const pattern = stripDecorations(section);
  if (/%/.test(pattern.replace(/"[^"]*"|\\./g, ''))) return `${generalNumber(value * 100)}%`;
  if (Number.isInteger(value) && Math.abs(value) < 1e15 && isDigitPattern(pattern)) {
    const plain = String(Math.abs(value));
    const shown = fillDigitPattern(pattern, plain);
    // Only when the format adds leading zeros is its text worth more than the plain digits.
    if (shown.replace(/\D/g, '') !== plain) return value < 0 && !/[-(]/.test(section) ? `-${shown}` : shown;
  }
  return generalNumber(value);
}

/** The format section Excel uses for a value: positive;negative;zero, or the one whose [condition] holds. */
function pickSection(numFmt: string, value: number): string {
  const sections = splitSections(numFmt);
  const condition = /^\s*\[(<=|>=|<>|<|>|=)(-?\d+(?:\.\d+)?)\]/;
  if (sections.some((s) => condition.test(s))) {
    for (const section of sections) {
      const match = condition.exec(section);
      if (!match) return section;
      const limit = Number(match[2]);
      const ok = {
        '<=': value <= limit,
        '>=': value >= limit,
        '<>': value !== limit,
        '<': value < limit,
        '>': value > limit,
        '=': value === limit,
      }[match[1]];
      if (ok) return section.replace(condition, '');
    }
    return sections[sections.length - 1].replace(condition, '');
  }
  if (value < 0 && sections.length > 1) return sections[1];
  if (value === 0 && sections.length > 2) return sections[2];
  return sections[0];
}

function splitSections(numFmt: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < numFmt.length; i++) {
    const ch = numFmt[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      current += numFmt.slice(i, i + 2);
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  sections.push(current);
  return sections;
}

/** Drops colours, locale tags and padding/repeat directives, which show no characters of the number. */
function stripDecorations(section: string): string {
  return section.replace(/\[[^\]]*\]/g, '').replace(/[_*]./g, '');
}

/** A whole-number pattern of 0 # ? placeholders and literal separators: `00000`, `000-00-0000`, `(###) ###-####`. */
function isDigitPattern(pattern: string): boolean {
  const bare = pattern.replace(/"[^"]*"|\\./g, '');
  return /0/.test(bare) && /^[0#?\s\-()/+]*$/.test(bare);
}

/** Fills the placeholders from the right; digits that do not fit go before the first placeholder. */
function fillDigitPattern(pattern: string, digits: string): string {
  const tokens: { placeholder?: string; literal?: string }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '"') {
      const close = pattern.indexOf('"', i + 1);
      const end = close === -1 ? pattern.length : close;
      tokens.push({ literal: pattern.slice(i + 1, end) });
      i = end;
    } else if (ch === '\\') {
      tokens.push({ literal: pattern[i + 1] ?? '' });
      i++;
    } else if (ch === '0' || ch === '#' || ch === '?') {
      tokens.push({ placeholder: ch });
    } else {
      tokens.push({ literal: ch });
    }
  }
  let remaining = digits === '0' ? '' : digits;
  const out: string[] = new Array(tokens.length);
  const first = tokens.findIndex((t) => t.placeholder);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (!token.placeholder) {
      out[i] = token.literal ?? '';
      continue;
    }
    if (i === first && remaining.length > 1) {
      out[i] = remaining;
      remaining = '';
    } else if (remaining.length) {
      out[i] = remaining[remaining.length - 1];
      remaining = remaining.slice(0, -1);
    } else {
      out[i] = token.placeholder === '0' ? '0' : token.placeholder === '?' ? ' ' : '';
    }
  }
  return out.join('').trim();
}
