import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { createRowFixer, removeControls, removeInvisible, suggestFix } from './index';

const context = { template: clientTether };
const fieldOf = (header: string) => clientTether.fields.find((f) => f.header === header)!;

describe('hidden characters', () => {
  it('removes control characters, keeping tabs and line breaks', () => {
    const notes = fieldOf('whiteboard');
    expect(suggestFix(notes, 'Ann\u0000 Lee', context)).toEqual({ value: 'Ann Lee', fix: 'text.controls' });
    expect(suggestFix(notes, 'line one\u001b\nline two', context)).toEqual({
      value: 'line one\nline two',
      fix: 'text.controls',
    });
    // With an edge space and a direction mark as well: one fix leaves what people saw.
    expect(suggestFix(notes, ' Ann\u202e\u0000 ', context)).toEqual({ value: 'Ann', fix: 'text.controls' });
    expect(removeControls('Ann', notes, context)).toBeNull();
  });

  it('removes control characters before any other fix of a column', () => {
    expect(suggestFix(fieldOf('smsok'), '1\u0000', context)).toEqual({ value: '1', fix: 'text.controls' });
    expect(suggestFix(fieldOf('state'), 'C\u0007A', context)).toEqual({ value: 'CA', fix: 'text.controls' });
  });

  it('removes direction marks and zero-width characters inside a text value, leaving emoji joined', () => {
    const name = fieldOf('lastName');
    expect(suggestFix(name, 'Lee\u202e', context)).toEqual({ value: 'Lee', fix: 'text.trim' });
    expect(suggestFix(name, 'L\u200bee', context)).toEqual({ value: 'Lee', fix: 'text.invisible' });
    expect(suggestFix(name, 'Ann\u2066Lee\u2069', context)).toEqual({
      value: 'AnnLee',
      fix: 'text.invisible',
    });
    expect(removeInvisible('👨\u200d👩', name, context)).toBeNull();
  });

  it('never turns a tab-prefixed =1+2 into a formula, and leaves the warning for a person', () => {
    const notes = fieldOf('whiteboard');
    for (const value of ['\t=1+2', ' +1 555 123', '\u200b@SUM(A1)', '\u0000-2+3'])
      expect(suggestFix(notes, value, context), JSON.stringify(value)).toBeNull();
    // A value that already started with = keeps its start: trimming its end changes nothing about it.
    expect(suggestFix(notes, '=1+2 ', context)).toEqual({ value: '=1+2', fix: 'text.trim' });
    const fixer = createRowFixer({ template: clientTether, columns: [notes] });
    const row = ['\t=1+2'];
    expect(fixer.fixRow(row)).toBeNull();
    expect(row).toEqual(['\t=1+2']);
  });
});
