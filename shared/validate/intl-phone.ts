// International phone numbers with libphonenumber-js and its full ("max") metadata, which checks each
// country's number patterns and not only their lengths: a fix that adds a country code must be sure the
// number exists there. Loaded only for templates with an international phone column (kind-support.ts): the
// library costs `listprep check` start-up time that a ClientTether list should not pay.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type IntlPhone = Readonly<{
  /** True for a valid number written in E.164 exactly: `+`, the country code and the digits, nothing else. */
  isE164(value: string): boolean;
  /**
   * The E.164 form of a number written any other way (`+47 912 34 567`, `0047…`, or a national `912 34 567`
   * read as a number of `country`), or null when it is not a valid number, or has an extension the E.164
   * form would lose.
   */
  toE164(value: string, country: string | undefined): string | null;
}>;

export const intlPhone: IntlPhone = {
  isE164(value) {
    const phone = parsePhoneNumberFromString(value);
    return phone !== undefined && phone.number === value && phone.isValid();
  },
  toE164(value, country) {
    const phone = parsePhoneNumberFromString(value, country as CountryCode | undefined);
    if (!phone || phone.ext || !phone.isValid()) return null;
    return phone.number;
  },
};
