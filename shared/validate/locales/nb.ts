import type { MessageTable } from './types';

const rows = (related: readonly number[]) => {
  const shown = related.slice(0, 5).join(', ');
  const more = related.length > 5 ? ` og ${related.length - 5} til` : '';
  return related.length === 1 ? `rad ${shown}` : `radene ${shown}${more}`;
};

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
    `Denne e-posten brukes også på ${rows(p.related)}. Hver kontakt må ha sin egen e-post: fjern de doble radene eller rett adressen.`,
  'value.duplicate': (p) =>
    `${p.label} må være forskjellig på hver rad; den brukes også på ${rows(p.related)}.`,
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
  'id.format': (p) => `${p.label} må være et ID-nummer kopiert fra ClientTether.`,
  'id.unknown': (p) => `${p.label} er ikke en ID i denne kontoen. Bruk en av: ${p.allowed}.`,
  'tags.empty': (p) => `${p.label} har et tomt merke mellom to komma. Fjern det ekstra kommaet.`,
  'contact.likelyDuplicate': (p) =>
    `Denne kontakten ligner på ${rows(p.related)}: to av navn, telefon og e-post er like. Behold én, slå dem sammen, eller behold begge hvis det er forskjellige personer.`,
  'value.excelError': (p) =>
    `${p.label} inneholder regnearkfeilen ${p.value}, ikke en verdi: en formel feilet i filen. Skriv inn riktig verdi, eller rett formelen i Excel og lagre filen på nytt.`,
};
