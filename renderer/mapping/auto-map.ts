import { checkEmail } from '../../shared/validate';
import type { FieldDef, Template } from '../../shared/template';
import type { ColumnProposal, ColumnTarget, ProposalReason } from './column-target';

// Thin adapter until shared/mapping (issue 3) lands: header names, synonyms and a little content sniffing.

/** Lower case, no accents, separators as single spaces: "E-Mail_Address" -> "e mail address". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_\-./:#()*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

type Candidate = { source: number; field: FieldDef; confidence: number; reason: ProposalReason };

const names = new WeakMap<FieldDef, string[]>();

/** Every name a field goes by, normalised once per field. */
function namesOf(field: FieldDef): string[] {
  let list = names.get(field);
  if (!list) {
    list = [field.header, field.label.en, field.label.nb, ...field.synonyms].map(normalizeHeader);
    names.set(field, list);
  }
  return list;
}

function nameScore(header: string, field: FieldDef): { confidence: number; reason: ProposalReason } | null {
  if (header.trim().toLowerCase() === field.header.toLowerCase())
    return { confidence: 1, reason: 'exactHeader' };
  const norm = normalizeHeader(header);
  if (norm === '') return null;
  const known = namesOf(field);
  if (known.includes(norm) || known.includes(norm.replace(/ /g, '')))
    return { confidence: 0.9, reason: 'synonym' };
  const words = ` ${norm} `;
  for (const name of known) {
    if (name.length >= 4 && (words.includes(` ${name} `) || ` ${name} `.includes(words))) {
      return { confidence: 0.6, reason: 'similarName' };
    }
  }
  return null;
}

function share(samples: readonly string[], test: (v: string) => boolean): number {
  const filled = samples.filter((s) => s.trim() !== '');
  return filled.length === 0 ? 0 : filled.filter(test).length / filled.length;
}

function contentScore(samples: readonly string[], field: FieldDef, template: Template): number {
  const regions = new Set(template.regions.map((r) => r.code));
  switch (field.kind) {
    case 'email':
      return share(samples, (v) => checkEmail(v.trim()) === 'ok') >= 0.8 ? 0.7 : 0;
    case 'phone10':
      return field.header === 'phone' && share(samples, (v) => /^[\d\s().+-]{10,17}$/.test(v.trim())) >= 0.8
        ? 0.5
        : 0;
    case 'region':
      return share(samples, (v) => regions.has(v.trim().toUpperCase())) >= 0.8 ? 0.6 : 0;
    case 'postal':
      return share(samples, (v) => /^\d{5}(-\d{4})?$|^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/.test(v.trim())) >=
        0.8
        ? 0.5
        : 0;
    default:
      return 0;
  }
}

/**
 * Proposes a target for every source column. Each template field is used once, by the best candidate;
 * columns nobody claims are kept as `[import]` notes when they hold data (nothing is dropped silently).
 */
export function proposeMapping(
  template: Template,
  headers: readonly string[],
  samples: readonly (readonly string[])[],
): ColumnProposal[] {
  const candidates: Candidate[] = [];
  headers.forEach((header, source) => {
    for (const field of template.fields) {
      const byName = nameScore(header, field);
      if (byName) candidates.push({ source, field, ...byName });
      else {
        const byContent = contentScore(samples[source] ?? [], field, template);
        if (byContent > 0) candidates.push({ source, field, confidence: byContent, reason: 'content' });
      }
    }
  });
  candidates.sort((a, b) => b.confidence - a.confidence || a.source - b.source);
  const taken = new Set<string>();
  const chosen = new Map<number, Candidate>();
  for (const c of candidates) {
    if (taken.has(c.field.header) || chosen.has(c.source)) continue;
    taken.add(c.field.header);
    chosen.set(c.source, c);
  }
  return headers.map((header, source) => {
    const c = chosen.get(source);
    const columnSamples = samples[source] ?? [];
    if (c) {
      const target: ColumnTarget = { kind: 'field', header: c.field.header };
      return { source, header, samples: columnSamples, target, confidence: c.confidence, reason: c.reason };
    }
    const hasData = columnSamples.some((s) => s.trim() !== '');
    return {
      source,
      header,
      samples: columnSamples,
      target: hasData ? { kind: 'note' } : { kind: 'skip' },
      confidence: 0,
      reason: 'none',
    };
  });
}
