import { foldKey, foldWords } from '../fix/fold';
import { withoutQualifiers } from './vocabulary';

/** One way to read a header, with how much of the header's evidence it keeps. */
export type NameCandidate = Readonly<{ key: string; weight: number; via?: string }>;

// Google Contacts numbers its repeated groups: "E-mail 1 - Value", "Phone 2 - Type", "Address 1 - City",
// "Organization 1 - Name". The group, the number and the part.
const numberedGroup = /^(.+?)\s*(\d+)\s*-\s*(.+)$/;

export type NumberedHeader = Readonly<{ group: string; index: string; part: string }>;

/** The parts of a Google-style numbered header, folded, or null. */
export function numberedHeader(header: string): NumberedHeader | null {
  const match = numberedGroup.exec(header.trim());
  if (!match) return null;
  return { group: foldWords(match[1]), index: match[2], part: foldWords(match[3]) };
}

/** True for the "- Type" / "- Label" half of a numbered pair: it describes its "- Value" column. */
export function isTypeHeader(parts: NumberedHeader | null): boolean {
  return parts !== null && (parts.part === 'type' || parts.part === 'label');
}

/**
 * The names a header may be read as, strongest first: the header itself; for a numbered header its group and
 * part ("organization name"), the type its sibling column gives ("mobile phone" for a Phone whose Type says
 * Mobile), or the part alone ("postal code"); each again without qualifier words ("business street" ->
 * "street") at a discount.
 */
export function nameCandidates(header: string, siblingType?: string): NameCandidate[] {
  const words = foldWords(header);
  const out: { words: string; weight: number; via?: string }[] = [{ words, weight: 1 }];
  const numbered = numberedHeader(header);
  if (numbered && !isTypeHeader(numbered)) {
    const { group, part } = numbered;
    out.push({ words: `${group} ${part}`, weight: 0.95 });
    if (part === 'value' || part === 'formatted') {
      // A formatted address is the whole address on several lines: a street column, if any, is better.
      const weight = part === 'formatted' ? 0.7 : 0.95;
      if (siblingType) out.push({ words: `${siblingType} ${group}`, weight, via: `type ${siblingType}` });
      out.push({ words: group, weight: Math.min(weight, 0.8) });
    } else {
      out.push({ words: part, weight: 0.85 });
    }
  }
  for (const candidate of [...out]) {
    const stripped = withoutQualifiers(candidate.words);
    if (stripped) out.push({ words: stripped, weight: candidate.weight * 0.9, via: candidate.via });
  }
  return out.map((c) => ({ key: foldKey(c.words), weight: c.weight, ...(c.via ? { via: c.via } : {}) }));
}
