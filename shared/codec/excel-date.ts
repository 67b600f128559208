const dayMs = 86_400_000;
/** Excel's last date, 9999-12-31, as a 1900-system serial. */
const maxSerial = 2_958_465;

/**
 * An Excel serial day number as `YYYY-MM-DD`. In the 1900 system (Windows' default) day 1 is 1900-01-01 and
 * day 60 is 1900-02-29, a date that never was: Lotus 1-2-3 thought 1900 a leap year and Excel kept the bug,
 * so days before it are one off from a plain count and day 60 is shown as Excel shows it. In the 1904
 * system (old Mac workbooks) day 0 is 1904-01-01. Undefined for serials that are no date.
 */
export function serialToIsoDate(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= maxSerial + 1) return undefined;
  const day = Math.floor(serial);
  if (date1904) return isoDay(Date.UTC(1904, 0, 1) + day * dayMs);
  if (day === 0) return '1900-01-00'; // Excel shows 0 with a date format so
  if (day === 60) return '1900-02-29';
  return isoDay(Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * dayMs);
}

/** The time of day in a serial as `HH:MM` or `HH:MM:SS`, rounded to the second as Excel shows it. */
export function serialToTime(serial: number, withSeconds: boolean): string {
  let seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  if (seconds === 86_400) seconds = 0;
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
  return withSeconds ? `${hh}:${mm}:${String(seconds % 60).padStart(2, '0')}` : `${hh}:${mm}`;
}

/** A round serial ending just before midnight belongs to the next day once its time rounds to a second. */
export function roundSerialToSecond(serial: number): number {
  return Math.round(serial * 86_400) / 86_400;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export type DateFormatParts = Readonly<{ date: boolean; time: boolean; seconds: boolean }>;

/** What a date number format shows: the date, the time of day, or both (`m` is minutes after `h`/before `s`). */
export function dateFormatParts(numFmt: string): DateFormatParts {
  const clean = numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '')
    .replace(/AM\/PM|A\/P/gi, 'h');
  const time = /[hs]/i.test(clean);
  const date = /[yd]/i.test(clean) || (/m/i.test(clean) && !time);
  return { date: date || !time, time, seconds: /s/i.test(clean) };
}
