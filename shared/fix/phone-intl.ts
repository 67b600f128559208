import { intlPhoneSupport } from '../validate/kind-support';
import { cleanCell } from './text';
import type { Fix } from './types';

/**
 * `+47 912 34 567`, `0047 91234567`, `(+47) 912-34-567` -> `+4791234567`; a national number (`912 34 567`)
 * only when it is a valid number of the template's country (MainBrainer: Norway), which the CRM's lists are
 * in. The number must be valid by libphonenumber's full metadata; an extension (which E.164 cannot hold),
 * letters or a number valid nowhere stay errors for a person to look at.
 */
export const internationalPhone: Fix = (value, _field, context) => {
  let text = cleanCell(value);
  if (text.toLowerCase().startsWith('tel:')) text = text.slice(4);
  if (!/^[+\d\s\u00a0().\-/]+$/.test(text)) return null;
  const e164 = intlPhoneSupport().toE164(text, context.template.country);
  return e164 === null ? null : { value: e164, fix: 'phone.international' };
};
