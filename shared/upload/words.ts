import type { ImportJob, MatchKey, OnMatch } from '../api';
import type { Locale } from '../validate';
import type { Consequences, PlanUse } from './consequences';

// What the upload says to people, in the app and in `listprep upload`, in English and Norwegian Bokmål.
// Consequences are spelled out: a user must see what an import will set off before confirming it.

type Sends = readonly ('email' | 'text')[];

export type UploadWords = Readonly<{
  matchKey: Readonly<Record<MatchKey, string>>;
  onMatch: Readonly<Record<OnMatch, string>>;
  defaultPlan: (plan: PlanUse, exact: boolean) => string;
  immediateCalls: (count: number, exact: boolean) => string;
  planEnters: (plan: PlanUse, exact: boolean) => string;
  large: (rows: number) => string;
  compliance: (textConsentRows: number, emailRows: number) => string;
  unmapped: (mode: 'note' | 'drop', columns: readonly string[]) => string;
  retrying: (attempt: number, seconds: number, accepted: boolean) => string;
  rollback: (job: ImportJob) => string;
  processed: (processed: number, sent: number) => string;
}>;

const enNumber = (n: number) => n.toLocaleString('en-US');
const nbNumber = (n: number) => n.toLocaleString('nb-NO');

const enSends = (sends: Sends) =>
  sends.length === 0
    ? ''
    : ` It sends ${sends.map((s) => (s === 'email' ? 'emails' : 'text messages')).join(' and ')}.`;
const nbSends = (sends: Sends) =>
  sends.length === 0
    ? ''
    : ` Den sender ${sends.map((s) => (s === 'email' ? 'e-post' : 'SMS')).join(' og ')}.`;

const en: UploadWords = {
  matchKey: {
    email: 'Email address',
    phone: 'Mobile phone',
    external_id: 'External ID',
    'two-of-name-phone-email': 'Two of name, phone and email',
    none: 'Nothing (never match)',
  },
  onMatch: {
    overwrite: 'The file wins: each filled cell replaces what the CRM has (empty cells never erase).',
    'fill-blanks': 'The CRM wins: only fields that are empty in the CRM are filled from the file.',
    skip: 'Skip: the existing contact is left exactly as it is.',
    create: 'Create anyway: a new contact is added and linked to the existing one as a possible duplicate.',
  },
  defaultPlan: (plan, exact) =>
    `No action plan is chosen, so ${exact ? '' : 'up to '}${enNumber(plan.contacts)} new contacts go to "${plan.name}".${enSends(plan.sends)} Choose a plan (a quiet one, if you want no messages) to avoid that.`,
  immediateCalls: (count, exact) =>
    `This will place ${exact ? '' : 'up to '}${enNumber(count)} ${count === 1 ? 'call' : 'calls'} as soon as the import finishes.`,
  planEnters: (plan, exact) =>
    `${exact ? '' : 'Up to '}${enNumber(plan.contacts)} contacts enter "${plan.name}".${enSends(plan.sends)}`,
  large: (rows) => `This is a large import (${enNumber(rows)} rows): the CRM flags imports over 1,000 rows.`,
  compliance: (text, email) =>
    `${enNumber(text)} ${text === 1 ? 'row allows' : 'rows allow'} texting and ${enNumber(email)} ${email === 1 ? 'has' : 'have'} an email address. Confirm that these contacts agreed to be contacted under GDPR and TCPA rules.`,
  unmapped: (mode, columns) =>
    columns.length === 0
      ? 'Every column is mapped to a field.'
      : mode === 'note'
        ? `${columns.join(', ')}: kept on each contact as an [import] note.`
        : `${columns.join(', ')}: not imported (dropped).`,
  retrying: (attempt, seconds, accepted) =>
    `${accepted ? 'The server has the import; lost touch while waiting for it' : 'No answer from the server'}. Retrying in ${seconds} s (try ${attempt + 1}). It will not be imported twice.`,
  rollback: (job) => {
    const c = job.counts;
    const created = c ? enNumber(c.created) : '0';
    const updated = c ? enNumber(c.updated) : '0';
    return `Rolling back import ${job.id} ("${job.source.name}") deletes the ${created} contacts it created and puts back the earlier values of the ${updated} contacts it updated, with the notes, tags and scheduled actions it added. Contacts it left unchanged are not touched. This cannot be undone.`;
  },
  processed: (processed, sent) =>
    processed === sent
      ? `Processed ${enNumber(processed)} rows: every row sent.`
      : `Processed ${enNumber(processed)} rows, but ${enNumber(sent)} were sent.`,
};

const nb: UploadWords = {
  matchKey: {
    email: 'E-postadresse',
    phone: 'Mobiltelefon',
    external_id: 'Ekstern ID',
    'two-of-name-phone-email': 'To av navn, telefon og e-post',
    none: 'Ingenting (aldri match)',
  },
  onMatch: {
    overwrite: 'Filen vinner: hver utfylte celle erstatter det CRM-et har (tomme celler sletter aldri).',
    'fill-blanks': 'CRM-et vinner: bare felt som er tomme i CRM-et, fylles ut fra filen.',
    skip: 'Hopp over: den eksisterende kontakten blir stående som den er.',
    create: 'Opprett likevel: en ny kontakt legges til og kobles til den eksisterende som et mulig duplikat.',
  },
  defaultPlan: (plan, exact) =>
    `Ingen handlingsplan er valgt, så ${exact ? '' : 'opptil '}${nbNumber(plan.contacts)} nye kontakter havner i «${plan.name}».${nbSends(plan.sends)} Velg en plan (en stille en, om du ikke vil sende noe) for å unngå det.`,
  immediateCalls: (count, exact) =>
    `Dette ringer ${exact ? '' : 'opptil '}${nbNumber(count)} ${count === 1 ? 'samtale' : 'samtaler'} straks importen er ferdig.`,
  planEnters: (plan, exact) =>
    `${exact ? '' : 'Opptil '}${nbNumber(plan.contacts)} kontakter legges i «${plan.name}».${nbSends(plan.sends)}`,
  large: (rows) =>
    `Dette er en stor import (${nbNumber(rows)} rader): CRM-et flagger importer over 1 000 rader.`,
  compliance: (text, email) =>
    `${nbNumber(text)} ${text === 1 ? 'rad tillater' : 'rader tillater'} SMS og ${nbNumber(email)} har e-postadresse. Bekreft at kontaktene har samtykket til å bli kontaktet etter GDPR- og TCPA-reglene.`,
  unmapped: (mode, columns) =>
    columns.length === 0
      ? 'Alle kolonner er koblet til et felt.'
      : mode === 'note'
        ? `${columns.join(', ')}: beholdes på hver kontakt som et [import]-notat.`
        : `${columns.join(', ')}: importeres ikke (droppes).`,
  retrying: (attempt, seconds, accepted) =>
    `${accepted ? 'Serveren har importen; mistet kontakten mens vi ventet på den' : 'Ikke svar fra serveren'}. Prøver igjen om ${seconds} s (forsøk ${attempt + 1}). Den blir ikke importert to ganger.`,
  rollback: (job) => {
    const c = job.counts;
    const created = c ? nbNumber(c.created) : '0';
    const updated = c ? nbNumber(c.updated) : '0';
    return `Å rulle tilbake import ${job.id} («${job.source.name}») sletter de ${created} kontaktene den opprettet og setter tilbake de tidligere verdiene til de ${updated} kontaktene den oppdaterte, med notatene, taggene og de planlagte handlingene den la til. Kontakter den lot være uendret, røres ikke. Dette kan ikke angres.`;
  },
  processed: (processed, sent) =>
    processed === sent
      ? `Behandlet ${nbNumber(processed)} rader: alle radene som ble sendt.`
      : `Behandlet ${nbNumber(processed)} rader, men ${nbNumber(sent)} ble sendt.`,
};

const tables: Readonly<Record<Locale, UploadWords>> = { en, nb };

export function uploadWords(locale: Locale): UploadWords {
  return tables[locale];
}

/** Every consequence worth a sentence, most serious first. */
export function describeConsequences(
  c: Consequences,
  locale: Locale,
): { kind: 'warning' | 'info'; text: string }[] {
  const w = tables[locale];
  const out: { kind: 'warning' | 'info'; text: string }[] = [];
  if (c.defaultPlan) out.push({ kind: 'warning', text: w.defaultPlan(c.defaultPlan, c.exact) });
  if (c.immediateCalls > 0) out.push({ kind: 'warning', text: w.immediateCalls(c.immediateCalls, c.exact) });
  for (const plan of c.plans)
    if (plan !== c.defaultPlan && !(c.defaultPlan && plan.id === c.defaultPlan.id))
      out.push({ kind: 'info', text: w.planEnters(plan, c.exact) });
  if (c.large) out.push({ kind: 'info', text: w.large(c.rows) });
  if (c.compliance.required)
    out.push({ kind: 'warning', text: w.compliance(c.compliance.textConsentRows, c.compliance.emailRows) });
  if (c.unmapped.columns.length)
    out.push({ kind: 'info', text: w.unmapped(c.unmapped.mode, c.unmapped.columns) });
  return out;
}
