import type { DuplicateMatch } from '../duplicate-index';
import { type MessageGroup, type MessageTable, mergeSameRows } from './types';

const rows = (group: MessageGroup | undefined) => {
  if (!group) return 'andre rader';
  const shown = group.rows.join(', ');
  const more = group.more > 0 ? ` og ${group.more} til` : '';
  return group.rows.length + group.more === 1 ? `rad ${shown}` : `radene ${shown}${more}`;
};

const pairWords = {
  value: 'verdi',
  namePhone: 'navn og telefon',
  emailPhone: 'e-post og telefon',
  nameEmail: 'navn og e-post',
} as const;

const pairs = (matches: readonly DuplicateMatch[]) =>
  matches.length === 3
    ? 'samme navn, telefon og e-post'
    : matches.map((match) => `samme ${pairWords[match]}`).join(' og ');

/** "samme navn og telefon som radene 3, 7, og samme e-post og telefon som rad 9" */
const sameAs = (groups: readonly MessageGroup[]) =>
  mergeSameRows(groups)
    .map((m) => `${pairs(m.matches)} som ${rows(m.group)}`)
    .join(', og ');

export const nb: MessageTable = {
  'required.missing': (p) =>
    `${p.label} må fylles ut. Skriv det inn, eller slett raden hvis den ikke er en kontakt.`,
  'text.whitespace': (p) => `${p.label} har mellomrom eller usynlige tegn først eller sist. Fjern dem.`,
  'phone.digits': (p) =>
    `${p.label} må være nøyaktig 10 sifre og ingenting annet: uten +1, mellomrom, bindestrek, punktum eller parentes. Eksempel: 5551234567.`,
  'flag.value': (p) => `${p.label} må være 1 (ja) eller 0 (nei).`,
  'email.format': (p) => `${p.label} er ikke en gyldig e-postadresse. Den skal se ut som navn@eksempel.no.`,
  'email.tooLong': (p) => `${p.label} er lengre enn 254 tegn, for langt for en e-postadresse.`,
  'email.duplicate': (p) =>
    `Denne e-posten brukes også på ${rows(p.groups[0])}. Hver kontakt må ha sin egen e-post: fjern de doble radene eller rett adressen.`,
  'value.duplicate': (p) =>
    `${p.label} må være forskjellig på hver rad; den brukes også på ${rows(p.groups[0])}.`,
  'state.unknown': (p) =>
    `${p.label} må være en kode på 2 store bokstaver for en amerikansk delstat eller kanadisk provins, som CA, NY eller ON.`,
  'postal.format': (p) =>
    `${p.label} må være et amerikansk postnummer (12345, 12345-6789 eller 12345-6789-01) eller et kanadisk som K1A 0B1.`,
  'date.format': (p) =>
    `${p.label} må være en dato skrevet som ÅÅÅÅ-MM-DD, for eksempel 2021-03-04 for 4. mars 2021.`,
  'date.invalid': (p) => `${p.label} er ikke en ekte dato (sjekk måned og dag). Skriv den som ÅÅÅÅ-MM-DD.`,
  'whole.format': (p) => `${p.label} må være et heltall, uten desimaler, mellomrom, komma eller valutategn.`,
  'whole.tooLarge': (p) => `${p.label} har mer enn 15 sifre, for stort til at CRM-et kan lagre det nøyaktig.`,
  'choice.value': (p) => `${p.label} må være en av: ${p.allowed}.`,
  'id.format': (p) => `${p.label} må være et ID-nummer kopiert fra ${p.crm || 'CRM-et'}.`,
  'id.unknown': (p) => `${p.label} er ikke en ID i denne kontoen. Bruk en av: ${p.allowed}.`,
  'tags.empty': (p) => `${p.label} har et tomt merke mellom to komma. Fjern det ekstra kommaet.`,
  'cell.tooLong': (p) =>
    `${p.label} har mer enn 32 767 tegn, mer enn Excel og CRM-et tar vare på i én celle. Gjør den kortere.`,
  'text.control': (p) =>
    `${p.label} inneholder kontrolltegn (som NUL eller ESC) som ikke synes, og som CRM-et ikke kan lagre. Fjern dem.`,
  'text.invisible': (p) =>
    `${p.label} inneholder usynlige tegn (retningsmerker eller tegn uten bredde) som kan få den til å se annerledes ut enn det den inneholder. Fjern dem.`,
  'email.mixedScript': (p) =>
    `${p.label} blander bokstaver fra ulike alfabeter (som en kyrillisk «а» blant latinske bokstaver): den ser ut som en annen adresse, men er ikke den samme. Sjekk hvordan den er skrevet.`,
  'contact.likelyDuplicate': (p) =>
    p.groups.length > 1
      ? `Denne kontakten har ${sameAs(p.groups)}. Behold én, slå dem sammen, eller behold begge hvis det er forskjellige personer.`
      : `Denne kontakten ligner på ${rows(p.groups[0])}: to av navn, telefon og e-post er like. Behold én, slå dem sammen, eller behold begge hvis det er forskjellige personer.`,
  'value.excelError': (p) =>
    `${p.label} inneholder regnearkfeilen ${p.value}, ikke en verdi: en formel feilet i filen. Skriv inn riktig verdi, eller rett formelen i Excel og lagre filen på nytt.`,
  'phone.international': (p) =>
    `${p.label} må være et telefonnummer på internasjonal form: + og landskoden, så sifrene, og ingenting annet. Eksempel: +4791234567.`,
  'postal.norway': (p) => `${p.label} må være et norsk postnummer: nøyaktig 4 sifre, som 0150.`,
  'country.unknown': (p) =>
    p.allowed
      ? `${p.label} må være et av kontoens land: ${p.allowed}.`
      : `${p.label} må være en landkode på 2 store bokstaver, som NO, SE eller US.`,
  'optIn.value': (p) => `${p.label} må være ${p.allowed}.`,
  'list.unknown': (p) => `${p.label} må være et av kontoens listeelementer: ${p.allowed}.`,
  'keys.noneFilled': (p) =>
    `Fyll ut minst én av ${p.allowed}: ${p.crm || 'CRM-et'} bruker dem som nøkler${p.group ? ` (${p.group})` : ''}, og kan ikke importere raden uten én av dem.`,
  'group.keyMissing': (p) =>
    `${p.label} må fylles ut på en rad med andre data for ${p.group.toLowerCase()}: uten den kan ikke ${p.crm || 'CRM-et'} opprette den.`,
};
