import { choiceFor } from '../fix/choice';
import { countryCode } from '../fix/country';
import { optInWord } from '../fix/opt-in';
import { internationalPhone } from '../fix/phone-intl';
import { extractEmail } from '../fix/email';
import { foldKey } from '../fix/fold';
import { normalizePhone } from '../fix/phone';
import { formatCanadianPostal, formatZipPlus4 } from '../fix/postal';
import { regionCode } from '../fix/region';
import type { FieldDef, Template } from '../template';
import { isPostalCode } from '../validate/cell-checks';
import { checkEmail } from '../validate/email';

/** A field the values of a column point to, when its name said nothing. */
export type ContentCandidate = Readonly<{ field: number; confidence: number; detail: string }>;

// A kind is claimed when at least this share of the sampled values has its shape.
const threshold = 0.8;

type Detector = Readonly<{
  /** What the values are, for the reason shown to people. */
  noun: string;
  test: (value: string, field: FieldDef, template: Template) => boolean;
  /** How strongly the shape alone says "this field" (a 5-digit number is a weaker ZIP than `K1A 0B1`). */
  strength: (values: readonly string[]) => number;
}>;

const context = (template: Template) => ({ template });

const detectors: Partial<Record<FieldDef['kind'], Detector>> = {
  email: {
    noun: 'email addresses',
    test: (v, f, t) => checkEmail(v) === 'ok' || extractEmail(v, f, context(t)) !== null,
    strength: () => 1,
  },
  phone10: {
    noun: 'North American phone numbers',
    test: (v, f, t) => (v.length === 10 && /^\d+$/.test(v)) || normalizePhone(v, f, context(t)) !== null,
    strength: () => 1,
  },
  region: {
    noun: 'US states or Canadian provinces',
    test: (v, _f, t) => regionCode(t, v) !== undefined,
    strength: () => 1,
  },
  postal: {
    noun: 'ZIP or postal codes',
    // Nine bare digits are any ID's shape before they are a ZIP+4's: only a written ZIP+4 counts.
    test: (v, f, t) =>
      isPostalCode(v) ||
      formatCanadianPostal(v, f, context(t)) !== null ||
      (!/^\d{9}$/.test(v) && formatZipPlus4(v, f, context(t)) !== null),
    // Five digits alone could be any number; a ZIP+4 or a Canadian code could not.
    strength: (values) => (values.every((v) => /^\d{5}$/.test(v)) ? 0.7 : 1),
  },
  phoneIntl: {
    noun: 'phone numbers',
    test: (v, f, t) => internationalPhone(v, f, context(t)) !== null,
    strength: () => 1,
  },
  postalNo: {
    noun: 'Norwegian postcodes',
    test: (v) => /^\d{4}$/.test(v),
    // Four digits alone could be any number (a year, a PIN): weak evidence.
    strength: () => 0.6,
  },
  country: {
    noun: 'countries',
    test: (v, f, t) => countryCode(v, f, context(t)) !== null,
    strength: () => 1,
  },
  optIn: {
    noun: 'opt-in words',
    test: (v, f, t) => !/^\d/.test(v) && optInWord(v, f, context(t)) !== null,
    strength: () => 0.9,
  },
  choice: {
    noun: 'its words',
    // Digits prove nothing (contact types and notification levels are both 0-5); words do.
    test: (v, f) => !/^\d/.test(v) && choiceFor(f, v) !== undefined,
    strength: () => 1,
  },
};

// Profile links name their site; the field is the one named after the site.
const linkSites = ['facebook', 'linkedin', 'twitter'];
const linkPattern = /^(?:https?:\/\/)?(?:[a-z]+\.)?(facebook|linkedin|twitter|x)\.com\//i;

function countShare(values: readonly string[], test: (v: string) => boolean): number {
  let hits = 0;
  for (const value of values) if (test(value)) hits++;
  return values.length ? hits / values.length : 0;
}

/**
 * The fields a column's sampled (non-empty) values point to. Confidence stays below every name match:
 * content decides only where names fail. Fields of a kind after the first (second_Phone after phone) get
 * less, so the better column takes the first.
 */
export function contentCandidates(template: Template, values: readonly string[]): ContentCandidate[] {
  if (values.length === 0) return [];
  // A handful of values is thin evidence; it counts fully from five on.
  const sampleWeight = Math.min(1, values.length / 5);
  const out: ContentCandidate[] = [];
  const seenKind = new Set<string>();
  template.fields.forEach((field, i) => {
    const detector = detectors[field.kind];
    if (!detector) return;
    const share = countShare(values, (v) => detector.test(v, field, template));
    if (share < threshold) return;
    const order = field.kind === 'choice' ? 1 : seenKind.has(field.kind) ? 0.75 : 1;
    seenKind.add(field.kind);
    const confidence = (0.5 + 0.2 * share * sampleWeight) * detector.strength(values) * order;
    const noun = field.kind === 'choice' ? `${field.label.en.toLowerCase()} words` : detector.noun;
    out.push({ field: i, confidence, detail: `${Math.round(share * 100)}% of sampled values are ${noun}` });
  });
  const linkShare = (site: string) =>
    countShare(values, (v) => {
      const m = linkPattern.exec(v);
      return (
        m !== null && (m[1].toLowerCase() === site || (site === 'twitter' && m[1].toLowerCase() === 'x'))
      );
    });
  for (const site of linkSites) {
    const share = linkShare(site);
    if (share < threshold) continue;
    const field = template.fields.findIndex((f) => foldKey(f.header) === site);
    if (field >= 0) {
      out.push({
        field,
        confidence: 0.5 + 0.2 * share * sampleWeight,
        detail: `${Math.round(share * 100)}% of sampled values are ${site} links`,
      });
    }
  }
  return out;
}
