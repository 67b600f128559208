import type { CustomField } from '../api';
import { customFieldPrefix } from '../api/rules';
import type { FieldDef } from '../template';

/** What the list needs of an account's custom field: how a mapping names it and how its cells are checked. */
export type AccountCustomField = Pick<CustomField, 'key' | 'label' | 'kind'>;

/**
 * The account's custom field a column mapped to a custom field of this name fills: by key or by label, case
 * aside (people type the label they see in the CRM). Null when the account has none by that name: the column
 * then travels unmapped (kept as a note or dropped, as the upload's options say).
 */
export function findCustomField(
  name: string,
  customFields: readonly AccountCustomField[],
): AccountCustomField | null {
  const wanted = name.trim().toLowerCase();
  return (
    customFields.find((f) => f.key.toLowerCase() === wanted) ??
    customFields.find((f) => f.label.toLowerCase() === wanted) ??
    null
  );
}

/**
 * A custom field seen through the template's eyes, so the one validator checks its cells as the server does
 * (a whole number, a date, text). Its header is the name the import API gives it: `custom:<key>`.
 */
export function customFieldDef(custom: AccountCustomField): FieldDef {
  return {
    header: `${customFieldPrefix}${custom.key}`,
    label: { en: custom.label, nb: custom.label },
    hint: { en: custom.label, nb: custom.label },
    kind: custom.kind,
    required: false,
    unique: false,
    synonyms: [],
  };
}

/**
 * How a column mapped to the custom field `name` is checked: as the account's field of that name (see
 * customFieldDef), or not at all (null) when the account has none or its custom fields are not known. The
 * app's column plan, the CLI and the server's re-validation all decide it here.
 */
export function customFieldColumn(
  name: string,
  customFields: readonly AccountCustomField[],
): Readonly<{ custom: AccountCustomField | null; field: FieldDef | null }> {
  const custom = findCustomField(name, customFields);
  return { custom, field: custom ? customFieldDef(custom) : null };
}
