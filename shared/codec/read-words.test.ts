import { describe, expect, it } from 'vitest';
import { readFailureText } from './read-words';

describe('readFailureText', () => {
  it("words a read error in the person's language, with the file's line where one is to blame", () => {
    const quote = { code: 'csv.unterminatedQuote', line: 1234 } as const;
    expect(readFailureText('en', quote)).toBe(
      'a quote is never closed (line 1,234), so the rest of the file would be one cell',
    );
    expect(readFailureText('nb', quote)).toBe(
      'et anførselstegn lukkes aldri (linje 1\u00a0234), så resten av filen ville blitt én celle',
    );
    expect(readFailureText('nb', { code: 'file.empty' })).toBe('filen er tom');
  });
});
