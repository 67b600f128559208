import { describe, expect, it } from 'vitest';
import { isAppUrl, windowUrl } from './app-origin';

describe('the app origin', () => {
  it('recognises only app://listprep URLs', () => {
    expect(isAppUrl('app://listprep/index.html#x')).toBe(true);
    for (const url of [
      'app://listprep.evil/',
      'app://other/',
      'https://listprep/',
      'file:///listprep',
      '',
      null,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('passes a file to open in the window address, encoded', () => {
    const url = new URL(windowUrl('/home/u/My Lists/leads #1.csv'));
    expect(url.pathname).toBe('/index.html');
    expect(url.searchParams.get('open')).toBe('/home/u/My Lists/leads #1.csv');
    expect(windowUrl()).toBe('app://listprep/index.html');
  });
});
