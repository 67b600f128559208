import { detachString, type SheetValidator } from '../shared/validate';

/**
 * The email of a row as written, when it differs from the folded key the validator keeps (`Ann@X.com` vs
 * `ann@x.com`), detached from the read buffer; null otherwise. Duplicates are worded after the last row,
 * when the row itself is gone: this is all of it that their messages need.
 */
export function rawEmailOf(
  validator: SheetValidator,
  rowId: number,
  values: readonly string[],
  emailCol: number,
): string | null {
  if (emailCol < 0) return null;
  const raw = values[emailCol] ?? '';
  return raw !== '' && raw !== validator.uniqueKeyOf(rowId, emailCol) ? detachString(raw) : null;
}
