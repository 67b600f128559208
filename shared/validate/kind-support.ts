import type { Template } from '../template';
import type { IntlPhone } from './intl-phone';

// Kinds whose rules need a library too large to load for every template: the international phone numbers
// (libphonenumber-js, `phoneIntl`). Whoever validates or fixes a list of such a template loads it first with
// `loadTemplateSupport` (the CLI when it resolves `--target`, the app's worker when a target is chosen);
// ClientTether's `listprep check` never pays for it.

let phone: IntlPhone | null = null;

/** Loads what the template's kinds need; resolves at once when it needs nothing or it is loaded. */
export async function loadTemplateSupport(template: Template): Promise<void> {
  if (phone || !template.fields.some((f) => f.kind === 'phoneIntl')) return;
  phone = (await import('./intl-phone')).intlPhone;
}

/** The international phone rules; throws when no `loadTemplateSupport` loaded them (a missing call is a bug). */
export function intlPhoneSupport(): IntlPhone {
  if (!phone) throw new Error('international phone numbers are checked only after loadTemplateSupport()');
  return phone;
}
