import { describe, expect, it } from 'vitest';
import { filesFromArgv } from './launch-files';

describe('files from a launch command line', () => {
  it('finds list files, absolute or relative to where the launch happened', () => {
    expect(filesFromArgv(['/opt/ListPrep/listprep', 'leads.csv', '/data/Book1.XLSX'], '/home/u')).toEqual([
      '/home/u/leads.csv',
      '/data/Book1.XLSX',
    ]);
  });

  it('ignores switches, the development entry script and other kinds of file', () => {
    const argv = [
      'electron',
      'dist/electron/main.cjs',
      '--no-sandbox',
      '--flag=x.csv',
      'notes.docx',
      'run.sh',
    ];
    expect(filesFromArgv(argv, '/w')).toEqual([]);
  });
});
